"""Placeholder blueprint: linked_data (to be built)."""

from flask import Blueprint

bp = Blueprint("linked_data", __name__)
