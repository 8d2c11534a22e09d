from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from comments import services as comments_services


def account_delete(*, user: AbstractBaseUser, remove_comments: bool) -> None:
    """Delete a reader's account.

    Decision: by default their comments stay where they are, shown as from "Deleted user" (the
    discussion others replied to keeps its sense, and nothing identifies the reader any more).
    A reader who ticks "remove my comments" has every comment's text erased first; threads with
    replies keep a "deleted" placeholder. Reports they made are deleted with the account.
    """
    with transaction.atomic():
        if remove_comments:
            comments_services.delete_own_comments(user=user)
        user.delete()
