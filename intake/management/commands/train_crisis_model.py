"""Train the learned crisis model on the corpus and save it (`make crisis-model`).

Needs the development requirements (scikit-learn). Deterministic: the same corpus gives the
same file. Prints the cross-validated recall and false alarms it chose its threshold by.
"""

import numpy as np
from django.core.management.base import BaseCommand

from intake.safety import pattern_findings
from intake.safety.embeddings import default_embedder
from intake.safety.learned import MODEL_PATH, lengthened
from intake.safety.normalise import normalise
from intake.safety.training import (
    CORPUS_DIR,
    Trainer,
    choose_length_penalty,
    choose_threshold,
    corpus_sha256,
    cross_validated_scores,
    passages_of,
    read_corpus,
)


class Command(BaseCommand):
    help = "Train the crisis model on the corpus and save intake/safety/crisis_model.npz."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(MODEL_PATH), help="Where to save the model.")
        parser.add_argument(
            "--corpus",
            default=str(CORPUS_DIR),
            help="The folder of labelled .tsv files to train on (label, lang, message).",
        )

    def handle(self, *args, output, corpus, **options):
        examples = read_corpus(corpus)
        embedder = default_embedder()
        self.stdout.write(f"Corpus: {len(examples)} messages ({corpus_sha256(corpus)[:12]})")
        scores = cross_validated_scores(examples, lambda: Trainer(embedder))
        flagged = [bool(pattern_findings(normalise(e.message))[0]) for e in examples]
        sentences = np.array([len(passages_of(e.message).sentences) for e in examples])
        penalty = choose_length_penalty(examples, scores, sentences, flagged)
        scores = lengthened(scores, sentences, penalty)
        threshold = choose_threshold(examples, scores, flagged)
        self.stdout.write(f"Length penalty {penalty} (cross-validated, authors kept apart)")
        self.report(examples, scores, flagged, threshold)
        arrays = Trainer(embedder).fit(examples)
        np.savez_compressed(
            output,
            **arrays,
            threshold=np.float32(threshold),
            length_penalty=np.float32(penalty),
            corpus_sha256=np.array(corpus_sha256(corpus)),
        )
        self.stdout.write(self.style.SUCCESS(f"Saved {output} (threshold {threshold:.3f})"))

    def report(self, examples, scores, flagged, threshold):
        """Cross-validated recall and false alarms, patterns and model together, by language."""
        for name, selected in (
            ("all", lambda e: True),
            ("English", lambda e: e.language == "en"),
            ("Spanish and Spanglish", lambda e: e.language != "en"),
        ):
            rows = [
                (e.label, flag or score >= threshold)
                for e, score, flag in zip(examples, scores, flagged, strict=True)
                if selected(e)
            ]
            crisis = [urgent for label, urgent in rows if label]
            ordinary = [urgent for label, urgent in rows if not label]
            self.stdout.write(
                f"  {name}: recall {np.mean(crisis):.1%} of {len(crisis)}, "
                f"false alarms {np.mean(ordinary):.1%} of {len(ordinary)} (cross-validated)"
            )
