"""Placeholder blueprint: sparql (to be built)."""

from flask import Blueprint

bp = Blueprint("sparql", __name__)
