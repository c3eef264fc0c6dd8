"""Translation of the QGIS side's messages. pylupdate5 files a bare `tr("…")` under the "@default"
context, so that is the context looked up here; placeholders are `{name}`, filled after translating."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)


def status_name(status: str) -> str:
    """A job state as the user reads it (Executing, Succeeded...)."""
    texts = {
        "esriJobNew": QCoreApplication.translate("RemoteGp", "New"),
        "esriJobSubmitted": QCoreApplication.translate("RemoteGp", "Submitted"),
        "esriJobWaiting": QCoreApplication.translate("RemoteGp", "Waiting"),
        "esriJobExecuting": QCoreApplication.translate("RemoteGp", "Executing"),
        "esriJobSucceeded": QCoreApplication.translate("RemoteGp", "Succeeded"),
        "esriJobFailed": QCoreApplication.translate("RemoteGp", "Failed"),
        "esriJobTimedOut": QCoreApplication.translate("RemoteGp", "Timed out"),
        "esriJobCancelling": QCoreApplication.translate("RemoteGp", "Cancelling"),
        "esriJobCancelled": QCoreApplication.translate("RemoteGp", "Cancelled"),
        "esriJobDeleting": QCoreApplication.translate("RemoteGp", "Deleting"),
        "esriJobDeleted": QCoreApplication.translate("RemoteGp", "Deleted"),
    }
    return texts.get(status, status)  # a state the server made up is shown as it is
