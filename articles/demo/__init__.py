"""A demo newsroom for development and demonstrations: sections, agencies, bylines and stories."""

from .loader import load_demo_newsroom

__all__ = ["load_demo_newsroom"]
