/* Replaces wagtail-modeltranslation's "Copy content from en / ja / ..." buttons, which it adds to
   every nested panel (the people featured included): the editors here show one language a tab. */
