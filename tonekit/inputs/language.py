"""Which language an article is in, so text tonekit is not made for is flagged, never dropped.

Extraction and tone are tuned for English: French guillemets, German reporting verbs
("sagte") or Chinese text give few or no quotes, and wrong speakers, without any error. Each
article's language is guessed by py3langid (a small, maintained identifier that ships its own
model: 97 languages, character n-grams, no network) on its first :data:`SAMPLE_CHARS`
characters. A text with fewer than :data:`MIN_LETTERS` letters is not judged (too short to
tell; a Chinese or Japanese character counts as three). py3langid costs about 2 µs a
character, as much as fast-mode extraction of a short article, so a sample whose words are at
least :data:`ENGLISH_SHARE` English function words ("the", "and", "said", ...) is called
English without it. An article in another language than English gets a warning naming it; it
is still read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_language", "language_warning", "SAMPLE_CHARS", "MIN_LETTERS", "ENGLISH_SHARE", "LANGUAGE_NAMES"]

SAMPLE_CHARS = 1_000  # enough to tell a language; keeps the cost per article constant
MIN_LETTERS = 20
ENGLISH_SHARE = 0.12  # English news runs at 20-30 % of these words; other languages near 0
_ENGLISH_WORDS = frozenset({"the", "and", "of", "to", "that", "with", "said", "was", "were", "has", "have", "for",
                            "this", "which", "from", "would", "will", "their", "they", "he", "she", "it", "not"})
_WORD = re.compile(r"[^\W\d_]+")
# a Chinese or Japanese character, or a Korean syllable, says as much as a short word: it counts as three letters
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
                  "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "fa": "Persian",
                  "tr": "Turkish", "he": "Hebrew", "hi": "Hindi", "sv": "Swedish", "da": "Danish",
                  "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "el": "Greek", "ro": "Romanian",
                  "hu": "Hungarian", "id": "Indonesian", "vi": "Vietnamese", "th": "Thai"}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier, loaded on first use (its model is unpickled from the package)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en", "fr", "zh"), or None when it is too short."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if sum(map(len, words)) + 2 * len(_WIDE.findall(sample)) < MIN_LETTERS:
        return None
    if sum(w.lower() in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words):
        return "en"
    code, _probability = _identifier().classify(sample)
    return str(code)


def language_warning(code: str | None) -> str | None:
    """The warning for an article in ``code``: None for English or an unknown language."""
    if code is None or code == "en" or code.lower().startswith("en-") or code.lower().startswith("en_"):
        return None
    name = LANGUAGE_NAMES.get(code.split("-")[0].split("_")[0].lower(), code)
    return (f"the text looks {name} ({code}); quote extraction and tone are tuned for English, "
            "so quotes and speakers may be missed or wrong")
