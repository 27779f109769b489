"""Problems (``path: message``) in the app's language.

The model and engine word their problems in English, for files, the CLI and logs.
The app shows them in French too: each known message shape has a French version
here; a message of unknown shape stays as it is. In a list, the path reads in words
(:func:`path_in_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bm3c.texts.field_words import field_label, path_words
from bm3c.texts.format import escape_markdown, number
from bm3c.texts.i18n import translate

__all__ = ["localize_not_recorded", "localize_problem", "path_in_words", "problem_list"]

WORDS = {
    "member": "membre",
    "payer": "payeur",
    "payee": "bénéficiaire",
    "party": "partie",
    "carrier": "porteur",
    "money": "monétaire",
    "in_kind": "en nature",
}

FRENCH: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"required field is missing", "champ obligatoire manquant"),
    (
        r"'(.+)' is computed for up to (\d+) members, this model has (\d+); .*",
        r"« \1 » se calcule jusqu'à \2 structures, ce modèle en a \3 : choisissez une autre "
        r"règle (la page Équité compare les partages des coopérations plus grandes)",
    ),
    (
        r"under (.+), the share of (.+) goes the other way than the shared result "
        r"\((.+) to share\): .*",
        r"avec la règle \1, la part de \2 va en sens inverse du résultat commun (\3 à "
        r"partager) : le jeu fait passer de l'argent d'une structure à l'autre pour que "
        r"chacune atteigne sa part",
    ),
    (
        r"must be at least (.+), got (.+)",
        lambda m: f"doit valoir au moins {_number(m[1])} (saisi : {_number(m[2])})",
    ),
    (
        r"must be at most (.+), got (.+)",
        lambda m: f"doit valoir au plus {_number(m[1])} (saisi : {_number(m[2])})",
    ),
    (
        r"must be above (.+), got (.+)",
        lambda m: f"doit valoir plus de {_number(m[1])} (saisi : {_number(m[2])})",
    ),
    (r"expected a number, got (.+)", r"un nombre est attendu (saisi : \1)"),
    (
        r"'(.+)' is not an account number: .*",
        r"« \1 » n'est pas un numéro de compte : 2 à 8 chiffres commençant par 6 (une "
        r"charge) ou 7 (un produit), par exemple 6132 ou 706",
    ),
    (
        r"a (revenue|cost) line's account is a (?:produit|charge) account \((\d+) to (\d+)\), "
        r"got '(.+)'",
        lambda m: (
            f"le compte d'une ligne de {'recette' if m[1] == 'revenue' else 'dépense'} est un "
            f"compte de {'produit' if m[1] == 'revenue' else 'charge'} ({m[2]} à {m[3]}), "
            f"ici « {m[4]} »"
        ),
    ),
    (
        r"(max_rate|counts_volunteering) is a funder's term: give the actor kind funder or "
        r"public \(here (.+)\)",
        lambda m: (
            f"{'le plafond' if m[1] == 'max_rate' else 'le bénévolat compté'} est une condition "
            "de financeur : donnez à l'acteur le type financeur ou organisme public "
            f"(ici {translate(f'structures.actor_kind.{m[2]}', 'fr').lower()})"
        ),
    ),
    (r"expected text, got (.+) \(put it in quotes\)", r"un texte est attendu (saisi : \1)"),
    (
        r"'(.+)' is not a valid id: use lowercase letters, digits and dashes, e\.g\. '(.+)'",
        r"« \1 » n'est pas un identifiant valide : lettres minuscules, chiffres et tirets, "
        r"par exemple « \2 »",
    ),
    (r"unknown key '(.+?)' (\(.*\))", r"clé inconnue « \1 » \2"),
    (
        r"unknown (member|payer|payee|party) '(.+?)' (\(.*\))",
        lambda m: f"{WORDS[m[1]]} inconnu « {m[2]} » {m[3]}",
    ),
    (
        r"unknown carrier '(.+?)', neither a member nor the shared entity (\(.*\))",
        r"porteur inconnu « \1 », ni membre ni structure commune \2",
    ),
    (
        r"duplicate id '(.+?)' .*",
        r"identifiant « \1 » déjà utilisé : un identifiant est unique parmi les membres, la "
        r"structure commune, les acteurs et les activités",
    ),
    (
        r"'market' is reserved for the anonymous outside world; choose another id",
        "« market » est réservé au marché anonyme : choisissez un autre identifiant",
    ),
    (
        r"a cooperation needs at least 2 members, found (\d+)",
        r"une coopération réunit au moins 2 structures (ici : \1)",
    ),
    (
        r"two lines with the label '(.+)': labels must be unique",
        r"deux lignes ont le libellé « \1 » : chaque libellé doit être unique",
    ),
    (
        r"two flows with the label '(.+)': labels must be unique",
        r"deux flux ont le libellé « \1 » : chaque libellé doit être unique",
    ),
    (
        r"give either amount_eur or quantity and unit_price_eur, not both",
        "indiquez soit un montant, soit une quantité et un prix unitaire, pas les deux",
    ),
    (
        r"missing amount: give amount_eur, or quantity and unit_price_eur",
        "montant manquant : indiquez un montant, ou une quantité et un prix unitaire",
    ),
    (
        r"quantity and unit_price_eur go together: (.+) is missing",
        r"quantité et prix unitaire vont ensemble : il manque \1",
    ),
    (
        r"a work line needs paid_hours or volunteer_hours above 0",
        "une ligne de travail a besoin d'heures salariées ou bénévoles",
    ),
    (
        r"reimbursed: true needs paid_hours above 0.*",
        "seules des heures salariées peuvent être refacturées",
    ),
    (
        r"second work line for '(.+?)'.*",
        r"deuxième ligne de travail pour « \1 » : regroupez ses heures sur cette activité",
    ),
    (
        r"'(.+?)' carries this activity: a line cannot be paid by or to its own carrier",
        r"« \1 » porte cette activité : une ligne ne peut pas être payée par ou à son porteur",
    ),
    (
        r"a (money|in_kind) flow needs amount_eur",
        lambda m: f"un flux {WORDS[m[1]]} a besoin d'un montant",
    ),
    (r"'from' and 'to' are both '(.+)'", r"le flux va de « \1 » à « \1 »"),
    (
        r"both ends are outside the cooperation.*",
        "les deux bouts du flux sont hors de la coopération : un flux part d'une structure "
        "ou y arrive",
    ),
    (
        r"no weight for (.+): give every member a weight \(0 allowed\)",
        r"pas de poids pour \1 : donnez un poids à chaque structure (0 possible)",
    ),
    (
        r"all weights are zero.*",
        "tous les poids sont nuls : donnez un poids positif à au moins une structure",
    ),
    (
        r"overloaded: (.+) h for a capacity of (.+) h",
        r"surchargée : \1 h pour une capacité de \2 h",
    ),
    (
        r"carries no activity and contributes nothing.*",
        "ne porte aucune activité et n'apporte rien (ni travail, ni flux, ni paiement)",
    ),
    (
        r"the (.+) key sums to zero for every member: shared equally instead",
        r"la clé \1 vaut zéro pour toutes les structures : partage à parts égales",
    ),
    (
        r"impact key not declared in indicators",
        "indicateur d'impact absent de la liste des indicateurs",
    ),
    (
        r"weights are given but neither rule is by_weights, so they are not used",
        "des poids sont donnés mais aucune règle ne les utilise",
    ),
    (r"matches nothing", "ne désigne rien dans le modèle"),
    (r"year (\d+): (.+)", lambda m: f"année {m[1]} : {_french(m[2])}"),
    (r"must be a finite number", "doit être un nombre fini"),
    (
        r"a list gives one number per plan year \(1 to (\d+)\), found (\d+) values",
        r"une liste donne un nombre par année du plan (1 à \1 années), ici \2 valeurs",
    ),
    (
        r"(\d+) values for the (\d+)-year plan \((\d+)–(\d+)\): .*",
        r"\1 valeurs pour le plan de \2 ans (\3–\4) : donnez une valeur par année, ou un "
        r"seul nombre pour toutes les années",
    ),
    (
        r"(\d+) values for a one-year plan .*",
        r"\1 valeurs pour un plan d'un an : ajoutez un plan (plan : année de début et nombre "
        r"d'années) pour en donner une par année",
    ),
    (
        r"the fractions of a payment timing sum to 1, here (.+)",
        lambda m: f"les parts d'un échéancier font 1 au total, ici {m[1].replace('.', ',')}",
    ),
    (
        r"year (\d+) is after the plan's last year \((\d+)\)",
        r"l'année \1 est après la dernière année du plan (\2)",
    ),
    (
        r"unknown grantor '(.+?)': an investment grant comes from an outside actor (\(.*\))",
        r"financeur inconnu « \1 » : une subvention d'investissement vient d'un acteur "
        r"extérieur \2",
    ),
    (
        r"unknown party '(.+?)': opening cash is for members and the shared entity (\(.*\))",
        r"partie inconnue « \1 » : la trésorerie de départ est celle des structures et de la "
        r"structure commune \2",
    ),
    (r"two investments with the id '(.+)'", r"deux investissements ont l'identifiant « \1 »"),
    (
        r"(?:(\S+): )?no item with (\w+) '(.+?)' in ([\w.*\[\]=-]+)\s*(.*)",
        lambda m: (
            (f"{path_in_words(m[1], 'fr')} : " if m[1] else "")
            + f"aucun élément où « {field_label(m[2], 'fr')} » vaut "
            f"« {m[3]} » dans {path_in_words(m[4], 'fr')} {_french(m[5]) if m[5] else ''}"
        ).rstrip(),
    ),
    (
        r"quantity × unit_price_eur is too large to be an amount",
        "quantité × prix unitaire est trop grand pour un montant",
    ),
    (
        r"a model file holds a mapping of keys \(bm3c, name, members\.\.\.\), found (.+)",
        r"un fichier de modèle contient des clés (bm3c, name, members…), trouvé : \1",
    ),
    (
        r"the format version is the number 1, not the text (.+)",
        r"la version du format est le nombre 1, pas le texte \1",
    ),
    (
        r"format version '(.+)' is not supported: this bm3c reads version 1",
        r"version de format « \1 » non prise en charge : bm3c lit la version 1",
    ),
    (
        r"key '(.+)' appears twice in one (?:mapping|JSON object)(.*)",
        r"la clé « \1 » apparaît deux fois au même endroit\2",
    ),
    (
        r"unsafe or unknown YAML tag (.+): a model file holds plain values only",
        r"balise YAML dangereuse ou inconnue \1 : un modèle ne contient que des valeurs simples",
    ),
    (
        r"a key must be a plain value, not a list or mapping",
        "une clé doit être une valeur simple, pas une liste ni un dictionnaire",
    ),
    (
        r"the document is nested too deeply to be a model file",
        "le document est trop imbriqué pour être un modèle",
    ),
    (r"invalid (YAML|JSON) at (.+)", r"\1 invalide à \2"),
    (
        r"leaves the model invalid at (.+?): (.+)",
        lambda m: f"rend le modèle invalide : {m[1]} : {_french(m[2])}",
    ),
)


def _number(text: str) -> str:
    """``-30`` → « −30 », ``1.5`` → « 1,5 » (French); other text as it is."""
    try:
        value = float(text)
    except ValueError:
        return text
    text = number(value, "fr", 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


KNOWN = re.compile(r"\(known: (.*?)(?:; did you mean '(.+)'\?)?\)")


def _french(message: str) -> str:
    for pattern, replacement in FRENCH:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            message = replacement(match) if callable(replacement) else match.expand(replacement)
            break
    return KNOWN.sub(
        lambda m: (
            f"(connus : {m[1]}" + (f" ; vouliez-vous dire « {m[2]} » ?" if m[2] else "") + ")"
        ),
        message,
    )


def localize_problem(text: str, lang: str) -> str:
    """A problem's ``path: message`` text in ``lang`` (the path is kept as it is)."""
    if lang != "fr":
        return text
    located = re.fullmatch(r"line (\d+), column (\d+): (.*)", text, flags=re.DOTALL)
    if located:
        return f"ligne {located[1]}, colonne {located[2]} : {_french(located[3])}"
    path, sep, message = text.partition(": ")
    if not sep or " " in path:
        return _french(text)
    return f"{path} : {_french(message)}"


NOT_RECORDED = {
    "(added)": "(ajouté)",
    "(removed)": "(retiré)",
    "(does not apply to the model as opened)": "(ne s'applique pas au modèle tel qu'ouvert)",
    "(names a part added since)": "(désigne un élément ajouté depuis)",
}


def localize_not_recorded(text: str, lang: str) -> str:
    """An edit a scenario cannot record, ``path (reason)``, in ``lang``."""
    if lang != "fr":
        return text
    for english, french in NOT_RECORDED.items():
        if text.endswith(english):
            return text[: -len(english)] + french
    return text


def path_in_words(path: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A problem's path in words (ids in ``names`` read as names).

    ``activities.cafe.work[0].paid_hours`` → « Café › travail › ligne 1 › heures salariées ».
    """
    parts: list[str] = []
    for segment in path.split("."):
        indexed = re.fullmatch(r"(.+?)\[(\d+)\]", segment)
        filtered = re.fullmatch(r"(.+?)(\[\w+=.*\])", segment)
        if indexed:
            parts += [indexed[1], f"#{int(indexed[2]) + 1}"]
        elif filtered:
            parts += [filtered[1], filtered[2]]
        else:
            parts.append(segment)
    return path_words(parts, lang, names)


def problem_list(problems: list[str], lang: str, names: Mapping[str, str] | None = None) -> str:
    """Markdown bullet list of problems: where in words (bold), then what is wrong.

    ``names`` gives display names for the ids in the paths (members, activities...).
    """
    lines = []
    for text in problems:
        localized = localize_problem(text, lang)
        path, sep, message = localized.partition(" : " if lang == "fr" else ": ")
        if sep and " " not in path:
            where = escape_markdown(path_in_words(path, lang, names))
            lines.append(
                f"- **{where}** : {message}" if lang == "fr" else f"- **{where}**: {message}"
            )
        else:
            lines.append(f"- {localized}")
    return "\n".join(lines)
