package dev.layoffsignals.extractor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of an announcement, one object per line, with exactly the field names of the
 * command's contract: article_id, company, ticker, sector, headcount, headcount_qualifier,
 * workforce_pct, division, reasons, evidence, confidence. Absent values are JSON null.
 */
public final class MentionJson {

  private final ObjectMapper mapper;

  public MentionJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode toNode(LayoffMention m) {
    ObjectNode n = mapper.createObjectNode();
    n.put("article_id", m.articleId());
    n.put("company", m.companyName());
    n.put("ticker", m.ticker());
    n.put("sector", m.sector());
    n.put("headcount", m.headcount());
    n.put(
        "headcount_qualifier",
        m.headcountQualifier() == null ? null : m.headcountQualifier().name());
    n.put("workforce_pct", m.workforcePct());
    n.put("division", m.division());
    ArrayNode reasons = n.putArray("reasons");
    for (LayoffReason r : m.reasons()) {
      reasons.add(r.name());
    }
    n.put("evidence", m.evidence());
    n.put("confidence", m.confidence());
    return n;
  }

  /** One line of JSON, no trailing newline. */
  public String toLine(LayoffMention m) {
    try {
      return mapper.writeValueAsString(toNode(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a tree of strings and numbers", e);
    }
  }
}
