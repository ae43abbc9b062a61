"""Quote extraction: an article in, its direct and reported statements with their speakers out.

The flow: :mod:`.marks` pairs quotation marks; :mod:`.sections` cuts a long article into bounded
sections; :mod:`.pipeline` loads spaCy and parses in bounded batches; :mod:`.accurate`
(dependency parse) or :mod:`.fast` (rules) finds cues and speaker mentions paragraph by
paragraph, using the word lists of :mod:`.lexicon`; :mod:`.extract` settles overlaps; and
:mod:`.speakers` resolves every mention to a speaker; :mod:`.frame` says what text of a quote
its tone is scored on; :mod:`.mentions` holds the discourse pronouns resolve against and
:mod:`.names` the keys that give one name per person. :mod:`.brat` and :mod:`.evaluation`
measure the result against gold annotations.
"""

from .brat import BratDocument, read_brat_dir
from .evaluation import BratScores, SpanScores, score_brat, score_spans, speaker_matches
from .extract import MODES, extract_quotes, extract_quotes_batch, plan_paragraphs, quotes_from_docs, resolve_mode
from .frame import frame_text, is_evaluative_cue
from .names import merge_speaker_ids, role_and_country, speaker_key
from .pipeline import load_trained, trained_pipeline_name
from .quote import Quote, QuoteKind
from .sections import article_sections, in_article

__all__ = ["extract_quotes", "extract_quotes_batch", "resolve_mode", "MODES", "Quote", "QuoteKind", "frame_text",
           "is_evaluative_cue",
           "trained_pipeline_name", "read_brat_dir", "BratDocument", "score_brat", "score_spans", "SpanScores",
           "BratScores", "speaker_matches", "plan_paragraphs", "quotes_from_docs", "load_trained", "speaker_key",
           "merge_speaker_ids", "role_and_country", "article_sections", "in_article"]
