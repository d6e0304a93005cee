// The enquiry listing's bulk-action bar counts enquiries, not "snippets": Wagtail's
// bulk-actions script reads its words from wagtailConfig by the footer's item type.
(function () {
  var strings = window.wagtailConfig && window.wagtailConfig.STRINGS;
  if (!strings || !strings.BULK_ACTIONS) {
    return;
  }
  strings.BULK_ACTIONS.ENQUIRY = {
    SINGULAR: '1 enquiry selected',
    PLURAL: '%(objects)s enquiries selected',
    ALL: 'All %(objects)s enquiries on this screen selected',
    ALL_IN_LISTING: 'All enquiries in the listing selected',
  };
})();
