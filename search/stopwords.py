"""Words that carry no topic of their own: a query word that is one of these (and names no
glossary concept) is left out of the query by both engines, as Elasticsearch's English, German,
French and Spanish analysers drop them from text."""

STOP_WORDS = frozenset(
    # English (Lucene's English analyser)
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with "
    # German
    "aber als am an auch auf aus bei bin bis da damit das dass dem den der des die dies doch "
    "du durch ein eine einem einen einer eines er es für hat ich ihr im in ist mit nach nicht "
    "noch oder sich sie sind so über um und uns von vom vor war was wie wir zu zum zur "
    # French
    "au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même "
    "mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes "
    "toi ton tu un une vos votre vous "
    # Spanish
    "al como con de del el ella ellos en entre es esta este la las lo los más mi no nos o os "
    "para pero por que se sin sobre su sus también un una uno unos y ya".split()
)
