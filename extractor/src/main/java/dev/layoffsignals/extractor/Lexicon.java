package dev.layoffsignals.extractor;

import java.util.HashSet;
import java.util.Set;

/**
 * Word lists shared by the rules, in folded form (lower case, no accents, apostrophes and hyphens
 * removed: "salariés" is "salaries", "main-d'œuvre" is "main", "d", "oeuvre"). Both languages
 * live in the same sets: an article mixes them often enough (English quotes in French press) and
 * the words rarely collide.
 */
final class Lexicon {

  private Lexicon() {}

  /** Nouns that make a number a count of jobs or people ("11,000 jobs", "1 300 salariés"). */
  static final Set<String> JOB_NOUNS =
      Set.of(
          "jobs",
          "job",
          "roles",
          "role",
          "positions",
          "position",
          "posts",
          "employees",
          "employee",
          "workers",
          "worker",
          "staff",
          "staffers",
          "people",
          "persons",
          "personnel",
          "contractors",
          "engineers",
          "managers",
          "layoffs",
          "redundancies",
          "heads",
          "members",
          "hires",
          "agents",
          "postes",
          "poste",
          "emplois",
          "emploi",
          "salaries",
          "salarie",
          "personnes",
          "collaborateurs",
          "employes",
          "travailleurs",
          "cadres",
          "ingenieurs",
          "licenciements",
          "suppressions",
          "departs",
          "effectifs",
          "equivalents");

  /** What a share of the workforce is a share of ("13% of its workforce", "la moitié des salariés"). */
  static final Set<String> WORKFORCE_NOUNS =
      Set.of(
          "workforce",
          "staff",
          "employees",
          "workers",
          "headcount",
          "people",
          "personnel",
          "team",
          "teams",
          "jobs",
          "roles",
          "positions",
          "staffers",
          "force",
          "employes",
          "salaries",
          "effectifs",
          "effectif",
          "collaborateurs",
          "equipes",
          "postes",
          "emplois",
          "oeuvre",
          "personnes",
          "travailleurs",
          "them");

  /** Words allowed between "of"/"de" and the workforce noun ("of its entire global workforce"). */
  static final Set<String> FILLERS =
      Set.of(
          "its",
          "their",
          "the",
          "his",
          "her",
          "our",
          "total",
          "global",
          "entire",
          "overall",
          "worldwide",
          "corporate",
          "full",
          "time",
          "current",
          "remaining",
          "whole",
          "existing",
          "company",
          "s",
          "roughly",
          "about",
          "approximately",
          "some",
          "nearly",
          "work",
          "labor",
          "labour",
          "salaried",
          "ses",
          "leurs",
          "son",
          "sa",
          "la",
          "le",
          "les",
          "l",
          "de",
          "du",
          "des",
          "d",
          "ensemble",
          "totaux",
          "mondial",
          "mondiaux",
          "mondiale",
          "mondiales",
          "globaux",
          "actuels",
          "propres",
          "main",
          "environ",
          "quelque",
          "pres",
          "own");

  /** Words that end the search for a noun: a new phrase starts here. */
  static final Set<String> STOPS =
      Set.of(
          "in", "at", "on", "for", "from", "with", "by", "to", "than", "that", "which", "who",
          "and", "or", "dans", "pour", "par", "sur", "avec", "en", "a", "que", "qui", "et", "ou",
          "this", "since", "over", "after", "before", "these", "ce", "cette", "ces", "depuis",
          "avant", "apres");

  /** Verb forms that say people lose their jobs (FR/EN), whatever noun follows. */
  static final Set<String> LAYOFF_VERBS =
      Set.of(
          "downsize",
          "downsizes",
          "downsizing",
          "downsized",
          "sacked",
          "sacking",
          "licencier",
          "licencie",
          "licencies",
          "licenciee",
          "licenciees",
          "licenciera",
          "licencieront",
          "licenciait",
          "licenciant",
          "licencient",
          "congedier",
          "congedie",
          "congedies");

  /** Nouns that name job losses. */
  static final Set<String> LAYOFF_NOUNS =
      Set.of(
          "layoff",
          "layoffs",
          "redundancies",
          "redundancy",
          "sackings",
          "licenciement",
          "licenciements");

  /** Strong triggers: the word alone says people lose their jobs. */
  static final Set<String> STRONG_TRIGGERS = union(LAYOFF_NOUNS, LAYOFF_VERBS);

  /** Phrases that are strong triggers. */
  static final String[][] STRONG_PHRASES = {
    {"lay", "off"},
    {"lays", "off"},
    {"laying", "off"},
    {"laid", "off"},
    {"let", "go"},
    {"lets", "go"},
    {"letting", "go"},
    {"job", "cuts"},
    {"job", "losses"},
    {"job", "reductions"},
    {"reduction", "in", "force"},
    {"reductions", "in", "force"},
    {"plan", "social"},
    {"plan", "de", "sauvegarde"},
    {"plan", "de", "departs"},
    {"departs", "volontaires"},
    {"rupture", "conventionnelle", "collective"},
    {"losing", "their", "jobs"},
    {"lose", "their", "jobs"},
    {"lost", "their", "jobs"},
    {"pink", "slips"},
    {"job", "cut"}
  };

  /** Weak triggers: cut something; a trigger only next to a job noun or with a job count. */
  static final Set<String> WEAK_TRIGGERS =
      Set.of(
          "cut",
          "cuts",
          "cutting",
          "slash",
          "slashes",
          "slashed",
          "slashing",
          "eliminate",
          "eliminates",
          "eliminated",
          "eliminating",
          "elimination",
          "reduce",
          "reduces",
          "reduced",
          "reducing",
          "reduction",
          "reductions",
          "shed",
          "sheds",
          "shedding",
          "trim",
          "trims",
          "trimmed",
          "trimming",
          "axe",
          "axes",
          "axed",
          "axing",
          "ax",
          "dismiss",
          "dismissed",
          "dismisses",
          "dismissing",
          "dismissal",
          "dismissals",
          "affect",
          "affects",
          "affected",
          "affecting",
          "impact",
          "impacts",
          "impacted",
          "impacting",
          "remove",
          "removes",
          "removing",
          "shrink",
          "shrinks",
          "shrinking",
          "shrank",
          "fire",
          "fires",
          "fired",
          "firing",
          "lose",
          "loses",
          "losing",
          "lost",
          "terminate",
          "terminated",
          "terminating",
          "termination",
          "terminations",
          "streamline",
          "halve",
          "halves",
          "halved",
          "halving",
          "supprimer",
          "supprime",
          "supprimes",
          "supprimee",
          "supprimees",
          "supprimera",
          "supprimeront",
          "supprimait",
          "supprimant",
          "suppriment",
          "suppression",
          "suppressions",
          "reduire",
          "reduit",
          "reduira",
          "reduisant",
          "reduisent",
          "separer",
          "separe",
          "separera",
          "separent",
          "couper",
          "coupe",
          "coupes",
          "tailler",
          "taille",
          "taillent",
          "virer",
          "vire",
          "toucher",
          "touche",
          "touchera",
          "touchant",
          "concerner",
          "concerne",
          "concernera",
          "concernant",
          "perdre",
          "perd",
          "perdu",
          "perdra",
          "alleger",
          "allegement",
          "degraisser",
          "sabrer",
          "sabre",
          "amputer");

  /** Negations seen shortly before a trigger ("no employees will be laid off", "sans licenciement"). */
  static final Set<String> NEGATIONS =
      Set.of(
          "not", "no", "never", "without", "nor", "pas", "aucun", "aucune", "sans", "jamais", "ni",
          "rather", "instead", "plutot", "lieu", "ruled", "rule", "rules", "exclut", "exclure",
          "exclu", "denied", "denies", "deny", "dement", "dementi", "avoid", "avoided", "eviter",
          "evite");

  /** A number right after these is a headcount total, not a cut ("employs 221,000"). */
  static final Set<String> TOTAL_VERBS =
      Set.of(
          "employs",
          "employ",
          "employed",
          "employing",
          "emploie",
          "emploient",
          "employait",
          "employaient",
          "compte",
          "comptait",
          "comptent",
          "comptant",
          "comptaient",
          "had",
          "has",
          "have",
          "avait",
          "numbered",
          "totaled",
          "totalled",
          "cap",
          "caps",
          "capped",
          "plafonner");

  /** Words after a number that make it a total ("people the company employs", "as of July"). */
  static final Set<String> TOTAL_AFTER =
      Set.of("employs", "employed", "emploie", "employait", "before");

  /** Words before a number that make it hiring. */
  static final Set<String> HIRING =
      Set.of(
          "hire",
          "hires",
          "hiring",
          "hired",
          "recruit",
          "recruits",
          "recruiting",
          "recruited",
          "add",
          "adds",
          "adding",
          "added",
          "create",
          "creates",
          "creating",
          "created",
          "onboard",
          "recruter",
          "recrute",
          "recrutera",
          "recrutement",
          "recrutements",
          "embaucher",
          "embauche",
          "embauchera",
          "embauches",
          "creer",
          "creera",
          "creation",
          "creations");

  /** Words before a number that make it unfilled roles ("close 5,000 open roles"). */
  static final Set<String> UNFILLED_BEFORE =
      Set.of(
          "close",
          "closing",
          "closed",
          "fermer",
          "fermera",
          "pourvoir",
          "pourvoira",
          "backfill",
          "fill");

  /** Words after a number that make it unfilled roles. */
  static final Set<String> UNFILLED_AFTER =
      Set.of(
          "open",
          "unfilled",
          "vacant",
          "vacancies",
          "openings",
          "ouverts",
          "ouvertes",
          "vacants",
          "filled",
          "pourvus");

  /** "dont environ 1 400 en Suède": a part of the figure already given. */
  static final Set<String> SUBSET =
      Set.of("dont", "including", "incl", "among", "parmi", "notamment");

  /** Possessives before a number that make it the size of something ("of its 70,000 employees"). */
  static final Set<String> POSSESSIVES =
      Set.of("its", "their", "his", "her", "our", "ses", "leurs", "son", "sa", "nos", "s");

  /** Share-price vocabulary; a percentage near these is a stock move. */
  static final Set<String> STOCK =
      Set.of(
          "shares",
          "share",
          "stock",
          "stocks",
          "action",
          "actions",
          "titre",
          "cours",
          "bourse",
          "nasdaq",
          "trading",
          "premarket",
          "valeur");

  /** Markers of an event told as past ("avait déjà licencié", "last year"). */
  static final Set<String> PAST = Set.of("already", "deja", "previously", "precedemment", "ago");

  /** "former employees", "anciens salariés": people laid off before. */
  static final Set<String> FORMER = Set.of("former", "anciens", "anciennes", "ex");

  /** Markers of a hypothesis. */
  static final Set<String> HYPOTHESIS =
      Set.of(
          "if",
          "si",
          "imagine",
          "imaginez",
          "imaginons",
          "suppose",
          "supposons",
          "hypothetically",
          "hypothetiquement",
          "theoretically",
          "theoriquement");

  /** Second-person subjects: "tu pouvais virer", "you could fire". */
  static final Set<String> SECOND_PERSON = Set.of("you", "tu", "vous");

  /** Markers of survey and study statistics. */
  static final Set<String> STATISTIC =
      Set.of(
          "survey",
          "surveyed",
          "poll",
          "study",
          "studies",
          "researchers",
          "respondents",
          "etude",
          "sondage",
          "enquete",
          "interroges",
          "interrogees",
          "barometre",
          "economists",
          "economistes");

  /** Markers of a figure about many companies ("plus de 60 000 suppressions dans la tech"). */
  static final Set<String> AGGREGATE =
      Set.of(
          "industry",
          "industries",
          "sector",
          "sectors",
          "companies",
          "firms",
          "startups",
          "employers",
          "fyi",
          "secteur",
          "secteurs",
          "entreprises",
          "societes",
          "cumul",
          "cumule",
          "cumules",
          "cumulees",
          "combined",
          "syndicats",
          "industrie");

  /** Words that introduce examples of a group ("tech giants such as Amazon"). */
  static final Set<String> EXAMPLES =
      Set.of("including", "like", "such", "dont", "notamment", "comme", "tels", "telles", "parmi");

  static final Set<String> MONTHS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "janvier",
          "fevrier",
          "mars",
          "avril",
          "mai",
          "juin",
          "juillet",
          "aout",
          "septembre",
          "octobre",
          "novembre",
          "decembre");

  /** Conditional wording lowers confidence but keeps the announcement ("could affect 14,000"). */
  static final Set<String> CONDITIONAL =
      Set.of(
          "could",
          "might",
          "may",
          "reportedly",
          "pourrait",
          "pourraient",
          "envisage",
          "envisagerait",
          "considering",
          "mulls",
          "weighs",
          "rumored",
          "rumoured");

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
