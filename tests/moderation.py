"""Case studies through the moderation workflow, as the admin moves them."""


def submit(page, user=None):
    """Submits the page's latest revision to its moderation workflow; the workflow state."""
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def send_back(page, partner, editor, comment):
    """Submitted by the partner, then sent back by the editor with a comment."""
    submit(page, partner).current_task_state.reject(user=editor, comment=comment)
    return page
