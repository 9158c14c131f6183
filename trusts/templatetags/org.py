from django import template

from trusts.models import StaffMember

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def staff_group_choices():
    return StaffMember.Group.choices
