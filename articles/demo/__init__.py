"""A demo newsroom for development and demonstrations: sections, agencies, bylines and stories."""

from .loader import demo_newsroom_loaded, load_demo_newsroom, stored_picture

__all__ = ["demo_newsroom_loaded", "load_demo_newsroom", "stored_picture"]
