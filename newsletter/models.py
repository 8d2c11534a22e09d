# Consented sign-up, double opt-in and the daily digest arrive with the newsletter issue.
