package dev.layoffsignals.extractor;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns one article into the layoff announcements it reports, zero or more.
 *
 * <p>Pipeline, per sentence (headline first): split and tokenize; find company names with the
 * {@link CompanyGazetteer}; find layoff triggers ({@link TriggerFinder}); read every quantity
 * ({@link QuantityFinder}) and classify it ({@link FigureClassifier}) so that share moves, money,
 * total staff, hiring, unfilled roles and subsets are dropped; give each remaining figure to the
 * company named closest before it (or the company the article is about when the sentence names
 * none, as in "The cuts amount to 5% of staff"). Sentences that tell an earlier event, a
 * hypothesis, a survey or an industry-wide total are read but do not announce anything. Then the
 * candidates of each company are merged ({@link AnnouncementMerger}).
 *
 * <p>Immutable and thread-safe: all patterns and lexicons are built once; {@link #extract} keeps
 * its state on the stack.
 */
public final class LayoffExtractor {

  private static final int TRIGGER_AFTER_FIGURE = 8;

  private final CompanyGazetteer gazetteer;

  public LayoffExtractor(CompanyGazetteer gazetteer) {
    this.gazetteer = Objects.requireNonNull(gazetteer, "gazetteer");
  }

  /** An extractor over the gazetteer shipped with the library. */
  public static LayoffExtractor withDefaultGazetteer() {
    return new LayoffExtractor(CompanyGazetteer.loadDefault());
  }

  public CompanyGazetteer gazetteer() {
    return gazetteer;
  }

  /** The announcements of {@code article}, in order of first appearance of their company. */
  public List<LayoffMention> extract(Article article) {
    int year =
        article.publishedAt() == null ? -1 : article.publishedAt().atZone(ZoneOffset.UTC).getYear();
    List<Sentence> sentences = new ArrayList<>();
    sentences.addAll(SentenceSplitter.split(article.title(), true));
    sentences.addAll(SentenceSplitter.split(article.body(), false));

    // a layoff needs a trigger: most articles have none, and need no company lookup at all
    List<List<Trigger>> triggersOf = new ArrayList<>(sentences.size());
    boolean anyTrigger = false;
    for (Sentence s : sentences) {
      List<Trigger> triggers = TriggerFinder.find(s);
      triggersOf.add(triggers);
      anyTrigger |= !triggers.isEmpty();
    }
    if (!anyTrigger) {
      return List.of();
    }

    List<Candidate> candidates = new ArrayList<>();
    List<Company> contexts = new ArrayList<>(sentences.size());
    Company current = null;
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      List<CompanyMention> mentions = gazetteer.findMentions(s);
      List<Trigger> triggers = triggersOf.get(i);
      boolean past = false;
      if (!triggers.isEmpty()) {
        SentenceFlags flags = SentenceFlags.of(s, year, triggers);
        if (mentions.isEmpty()
            && current == null
            && !flags.aggregate()
            && !flags.statistic()
            && !flags.hypothesis()) {
          CompanyMention unknown = UnknownCompanyFinder.find(s, triggers);
          mentions = unknown == null ? mentions : List.of(unknown);
        }
        int before = candidates.size();
        readSentence(i, s, mentions, triggers, flags, current, candidates);
        past = flags.past();
        if (!mentions.isEmpty()
            && mentions.get(0).company().sector() == null
            && candidates.size() == before) {
          mentions = List.of();
        }
      }
      Company context = mentions.isEmpty() ? current : mentions.get(0).company();
      contexts.add(past ? null : context);
      if (!mentions.isEmpty()) {
        current = mentions.get(0).company();
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    return AnnouncementMerger.merge(article.id(), candidates, sentences, contexts);
  }

  private static void readSentence(
      int index,
      Sentence s,
      List<CompanyMention> mentions,
      List<Trigger> triggers,
      SentenceFlags flags,
      Company current,
      List<Candidate> out) {
    List<Trigger> active = new ArrayList<>(triggers.size());
    for (Trigger t : triggers) {
      if (!t.negated()) {
        active.add(t);
      }
    }
    if (active.isEmpty() || flags.secondPerson()) {
      return;
    }
    boolean explicit = !mentions.isEmpty();
    if (!explicit
        && (current == null || flags.aggregate() || flags.statistic() || flags.hypothesis())) {
      return;
    }
    if (explicit && flags.aggregate() && examplesOfAGroup(s, mentions)) {
      return;
    }
    boolean past = flags.past() || allPast(active);

    List<Company> owners = new ArrayList<>();
    List<Integer> headcounts = new ArrayList<>();
    List<HeadcountQualifier> qualifiers = new ArrayList<>();
    List<Double> pcts = new ArrayList<>();
    for (Quantity q : QuantityFinder.find(s)) {
      FigureRole role = FigureClassifier.classify(s, q);
      if (role != FigureRole.HEADCOUNT
          && role != FigureRole.VAGUE_HEADCOUNT
          && role != FigureRole.WORKFORCE_PCT) {
        continue;
      }
      if (!nearTrigger(active, q)) {
        continue;
      }
      Company owner = explicit ? ownerAt(s, mentions, q.start()) : current;
      if (owner == null) {
        continue;
      }
      int slot = owners.indexOf(owner);
      if (slot < 0) {
        owners.add(owner);
        headcounts.add(null);
        qualifiers.add(null);
        pcts.add(null);
        slot = owners.size() - 1;
      }
      if (role == FigureRole.WORKFORCE_PCT) {
        if (pcts.get(slot) == null && q.value() > 0 && q.value() <= 100) {
          pcts.set(slot, q.value());
        }
      } else if (qualifiers.get(slot) == null) {
        headcounts.set(slot, q.isVague() ? null : (int) Math.round(q.value()));
        qualifiers.set(slot, q.qualifier());
      }
    }
    boolean strong = false;
    for (Trigger t : active) {
      strong |= t.strong();
    }
    boolean guessed = explicit && mentions.get(0).company().sector() == null;
    for (int k = 0; k < owners.size(); k++) {
      Company c = owners.get(k);
      if (guessed
          && headcounts.get(k) == null
          && qualifiers.get(k) == null
          && pcts.get(k) == null) {
        continue;
      }
      out.add(
          new Candidate(
              c,
              index,
              s,
              headcounts.get(k),
              qualifiers.get(k),
              pcts.get(k),
              division(s, mentions, c),
              explicit,
              strong,
              past,
              flags.conditional()));
    }
    if (explicit && !guessed) {
      for (Trigger t : active) {
        Company c = ownerAt(s, mentions, t.start());
        if (c == null) {
          continue;
        }
        if (t.strong() && !owners.contains(c) && TriggerFinder.announcesAlone(s, t)) {
          owners.add(c);
          out.add(
              new Candidate(
                  c,
                  index,
                  s,
                  null,
                  null,
                  null,
                  division(s, mentions, c),
                  true,
                  true,
                  past || t.past(),
                  flags.conditional()));
        }
      }
    }
  }

  /** "tech companies such as Amazon and Meta cut 60,000 jobs": the names are examples, not actors. */
  private static boolean examplesOfAGroup(Sentence s, List<CompanyMention> mentions) {
    int first = mentions.get(0).start();
    for (int k = Math.max(0, first - 2); k < first; k++) {
      if (Lexicon.EXAMPLES.contains(s.norm(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean allPast(List<Trigger> triggers) {
    for (Trigger t : triggers) {
      if (!t.past()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The company named last before {@code position}, or else the first one named after it in
   * the same clause ("Some 3,900 IBM employees"); null when only a later clause names one
   * ("Despite 2,000 cuts at a rival, Capgemini will hire"), because that company is not the
   * subject of the figure.
   */
  private static Company ownerAt(Sentence s, List<CompanyMention> mentions, int position) {
    Company owner = null;
    for (CompanyMention m : mentions) {
      if (m.start() <= position) {
        owner = m.company();
      }
    }
    if (owner != null) {
      return owner;
    }
    int first = mentions.get(0).start();
    for (int k = position; k < first; k++) {
      if (s.get(k).isPunct(',') || s.get(k).isPunct(';') || s.get(k).isPunct(':')) {
        return null;
      }
    }
    return mentions.get(0).company();
  }

  /**
   * A figure belongs to a layoff only when a trigger comes before it in the sentence ("cut
   * 10,000 jobs, or 5% of staff") or shortly after it ("10% of staff will be laid off"). "30 %
   * des salariés ont suivi la grève contre la réduction des effectifs" is about a strike.
   */
  private static boolean nearTrigger(List<Trigger> active, Quantity q) {
    for (Trigger t : active) {
      if (t.start() < q.qualStart() || t.start() - q.end() <= TRIGGER_AFTER_FIGURE) {
        return true;
      }
    }
    return false;
  }

  private static String division(Sentence s, List<CompanyMention> mentions, Company c) {
    for (CompanyMention m : mentions) {
      if (m.company().equals(c) && m.division() != null) {
        return m.division();
      }
    }
    return DivisionFinder.find(s);
  }
}
