"""The indexer: from report files on disk to clean, typed `Report`s.

`iter_report_files` finds the files, `load_report` turns one into a `Report`
(metadata plus typed sections); both are what `nianbao parse` calls.
`agency_forms` expands what a user types for an agency (人社局, 甘南州) into the
official names it may stand for. This package never imports the search engine
or its word segmenter.
"""

from indexer.agency_forms import agency_forms
from indexer.errors import ReportError
from indexer.files import iter_report_files
from indexer.pipeline import load_report
from indexer.report import Report, Section

__all__ = ["Report", "ReportError", "Section", "agency_forms", "iter_report_files", "load_report"]
