"""The indexer: from report files on disk to clean, typed `Report`s.

`iter_report_files` finds the files, `load_report` turns one into a `Report`
(metadata plus typed sections); both are what `nianbao parse` calls. This
package never imports the search engine or its word segmenter.
"""

from indexer.errors import ReportError
from indexer.files import iter_report_files
from indexer.pipeline import load_report
from indexer.report import Report, Section

__all__ = ["Report", "ReportError", "Section", "iter_report_files", "load_report"]
