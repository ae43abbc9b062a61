"""Batch work: many articles in, one result record per article out, and the report on them.

The flow: :mod:`.run` scores articles in chunks (in this process, local workers or a Dask
cluster); :mod:`.results` defines the result record (a scored article or an error record),
writes and reads the results file and the flat quote table; :mod:`.summary` counts what a
results file holds and :mod:`.report` draws it as one HTML page.
"""

from .report import ReportData, render_html, write_report
from .provenance import ProvenanceCount, run_provenance
from .results import (QUOTE_COLUMNS, ArticleResult, ResultsWriter, check_results_file, completed_ids, iter_results,
                      load_results, provenance_sidecar, quote_columns, quote_row, write_quotes_csv,
                      write_quotes_parquet, QuoteTable)
from .run import DEFAULT_CHUNK_SIZE, score_article_lines, score_articles

__all__ = ["score_articles", "score_article_lines", "ArticleResult", "DEFAULT_CHUNK_SIZE", "ResultsWriter",
           "completed_ids", "iter_results", "load_results", "write_quotes_csv", "QUOTE_COLUMNS", "quote_columns",
           "quote_row", "write_report", "render_html", "ReportData", "run_provenance", "check_results_file",
           "provenance_sidecar", "write_quotes_parquet", "QuoteTable", "ProvenanceCount"]
