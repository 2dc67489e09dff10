"""French word families the light stemmer cannot join (verb / noun / adjective).

Language, not local policy: kept in code, applied like synonym groups. Local
vocabulary (abbreviations, colloquial words) is the editors' list in the
registry (guichet_kb.synonyms).
"""

FAMILIES = (
    "marier, mariage, marié, mariée",
    "pacser, pacs",
    "divorcer, divorce",
    "naître, naissance, né, née",
    "décéder, décès, décédé, mort",
    "enterrer, enterrement, inhumer, inhumation, obsèques, funérailles",
    "adopter, adoption",
    "reconnaître, reconnaissance",
    "recenser, recensement",
    "inscrire, inscription, inscrit",
    "désinscrire, radier, radiation, radié",
    "déménager, déménagement",
    "emménager, emménagement",
    "voter, vote, électeur, électrice",
    "construire, construction",
    "renouveler, renouvellement",
    "perdre, perte, perdu",
    "voler, vol, volé",
    "payer, paiement, payant",
    "coûter, coût, prix, tarif",
    "héberger, hébergement",
    "loger, logement",
    "garder, garde",
    "vendre, vente",
    "acheter, achat",
    "changer, changement",
    "corriger, correction, rectifier, rectification",
    "demander, demande",
    "refuser, refus",
    "annuler, annulation",
    "contester, contestation, recours",
    "déclarer, déclaration",
    "autoriser, autorisation",
    "scolariser, scolarisation, scolarité",
    "valable, validité, valide",
    "créer, création",
    "répondre, réponse",
    "vérifier, vérification",
)
