# The discussion under each story (accounts, comments, moderation queues) arrives with the comments issue.
