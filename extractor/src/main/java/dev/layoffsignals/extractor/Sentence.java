package dev.layoffsignals.extractor;

import java.util.List;

/**
 * A sentence of an article with its tokens.
 *
 * @param text    the sentence as written, used as evidence
 * @param tokens  its tokens, offsets relative to the text it was split from
 * @param isTitle true for the headline
 */
record Sentence(String text, List<Token> tokens, boolean isTitle) {

  int size() {
    return tokens.size();
  }

  Token get(int i) {
    return tokens.get(i);
  }

  /** Folded form of token i, or "" outside the sentence, so lookbehinds need no bounds checks. */
  String norm(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).norm() : "";
  }
}
