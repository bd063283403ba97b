package dev.layoffsignals.extractor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads why jobs go from the words of a sentence. A keyword counts only when no negation comes
 * before it in the same clause: "the cuts were not about replacing people with AI" gives no
 * AI_AUTOMATION. "AI" and "IA" match in capitals only, to keep "ai" (French "j'ai") out.
 */
final class ReasonClassifier {

  private record Cue(String[] words, LayoffReason reason) {}

  /** Cues by their first word, longest first, so each token costs one hash lookup. */
  private static final Map<String, List<Cue>> CUES = new HashMap<>();

  private static final Set<String> CLAUSE_NEGATIONS =
      Set.of("not", "no", "pas", "ni", "nor", "rather", "plutot");

  static {
    add(
        LayoffReason.AI_AUTOMATION,
        "artificial intelligence",
        "automation",
        "automate",
        "automated",
        "automating",
        "intelligence artificielle",
        "automatisation",
        "automatiser",
        "generative",
        "chatbot",
        "chatbots",
        "ai agents",
        "agents d intelligence");
    add(
        LayoffReason.COST_CUTTING,
        "cost",
        "costs",
        "savings",
        "expenses",
        "efficiency",
        "efficiencies",
        "leaner",
        "couts",
        "cout",
        "economies",
        "economiser",
        "rentabilite",
        "depenses",
        "marges");
    add(
        LayoffReason.RESTRUCTURING,
        "restructuring",
        "restructure",
        "restructured",
        "reorganization",
        "reorganisation",
        "reorganize",
        "reorganise",
        "reorganizing",
        "reset",
        "turnaround",
        "streamline",
        "streamlining",
        "layers",
        "bureaucracy",
        "refocus",
        "refocuses",
        "priorities",
        "restructuration",
        "reorganiser",
        "reinitialisation",
        "plan strategique",
        "recentrer",
        "recentrage",
        "simplifier",
        "transformation");
    add(
        LayoffReason.FALLING_DEMAND,
        "demand",
        "slowdown",
        "downturn",
        "recession",
        "weak sales",
        "falling sales",
        "sales decline",
        "slump",
        "slumps",
        "slumping",
        "headwinds",
        "macroeconomic",
        "uncertainty",
        "slowing",
        "slows",
        "demande",
        "ralentissement",
        "baisse des ventes",
        "faiblesse",
        "conjoncture",
        "recul des ventes",
        "price war",
        "weak results",
        "abaisse",
        "previsions");
    add(
        LayoffReason.OVER_HIRING,
        "hired too many",
        "overhired",
        "overhiring",
        "over hiring",
        "pace of hiring",
        "too many people",
        "grew too fast",
        "grew too quickly",
        "faster growth than",
        "surembauche",
        "trop embauche",
        "trop recrute",
        "embauches massives",
        "hiring spree",
        "pandemic hiring");
    add(
        LayoffReason.OTHER,
        "divestment",
        "divestments",
        "divest",
        "acquisition",
        "merger",
        "performers",
        "performance review",
        "cession",
        "fusion",
        "scission",
        "spin off",
        "spinoff",
        "bankruptcy",
        "faillite",
        "delocaliser",
        "offshoring",
        "relocation");
    for (List<Cue> list : CUES.values()) {
      list.sort((a, b) -> b.words.length - a.words.length);
    }
  }

  private ReasonClassifier() {}

  private static void add(LayoffReason reason, String... phrases) {
    for (String p : phrases) {
      String[] words = p.split(" ");
      CUES.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Cue(words, reason));
    }
  }

  static EnumSet<LayoffReason> classify(Sentence s) {
    EnumSet<LayoffReason> out = EnumSet.noneOf(LayoffReason.class);
    boolean negatedClause = false;
    for (int i = 0; i < s.size(); i++) {
      Token t = s.get(i);
      if (t.isPunct(',')
          || t.isPunct(';')
          || t.isPunct(':')
          || t.norm().equals("but")
          || t.norm().equals("mais")) {
        negatedClause = false;
        continue;
      }
      if (CLAUSE_NEGATIONS.contains(t.norm())
          || (t.norm().equals("t") && s.norm(i - 1).endsWith("n"))) {
        negatedClause = true;
        continue;
      }
      if (negatedClause) {
        continue;
      }
      if (t.text().equals("AI") || t.text().equals("IA")) {
        out.add(LayoffReason.AI_AUTOMATION);
        continue;
      }
      List<Cue> cues = CUES.get(t.norm());
      if (cues == null) {
        continue;
      }
      for (Cue c : cues) {
        if (matches(s, i, c.words)) {
          out.add(c.reason);
          break;
        }
      }
    }
    return out;
  }

  private static boolean matches(Sentence s, int at, String[] words) {
    for (int k = 0; k < words.length; k++) {
      if (!s.norm(at + k).equals(words[k])) {
        return false;
      }
    }
    return true;
  }
}
