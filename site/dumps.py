"""Placeholder blueprint: dumps (to be built)."""

from flask import Blueprint

bp = Blueprint("dumps", __name__)
