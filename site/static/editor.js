/* geonews: the SPARQL editor on /sparql (YASQE over the page's <textarea>).
   Running a query submits the form, so the page's URL is the query's shareable link and the
   results table comes from the server. No inline script or style (the site's CSP). */
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var area = document.getElementById("query");
  if (!form || !area || typeof Yasqe === "undefined") return;  // the plain form still works
  var select = document.getElementById("format");

  function submit() {
    // the URL is built here, not by the form, which would turn line breaks into CR LF
    var params = new URLSearchParams({query: yasqe.getValue()});
    if (select && select.value) params.set("format", select.value);
    window.location.href = form.action + "?" + params.toString();
  }

  // Completion works offline: YASQE's prefix list is bundled; our prefixes go first. Its class
  // and property completers would ask a public vocabulary service, so local forks complete from
  // the ontology (same-origin JSON).
  function completers(vocab) {
    var P = Yasqe.Autocompleters.prefixes, bundled = P.get;
    var local = Object.keys(vocab.prefixes).map(function (p) {
      return p + ": <" + vocab.prefixes[p] + ">";
    });
    P.get = function () {
      return Promise.resolve(bundled.apply(this, arguments)).then(function (list) {
        return local.concat(list.filter(function (l) { return local.indexOf(l) < 0; }));
      });
    };
    Yasqe.forkAutocompleter("class", {name: "localClass", bulk: true, autoShow: false,
      persistenceId: null, get: function () { return Promise.resolve(vocab.classes); }}, false);
    Yasqe.forkAutocompleter("property", {name: "localProperty", bulk: true, autoShow: false,
      persistenceId: null, get: function () { return Promise.resolve(vocab.properties); }}, false);
  }

  var holder = document.createElement("div");
  holder.id = "yasqe";
  area.parentNode.insertBefore(holder, area);
  area.classList.add("replaced");
  var yasqe;

  function start(vocab) {
    var names = ["variables", "prefixes"];
    if (vocab) {
      completers(vocab);
      names.push("localClass", "localProperty");
    }
    yasqe = new Yasqe(holder, {
      value: area.value,
      persistenceId: null,          // no copy of the query in localStorage
      autocompleters: names,
      showQueryButton: false,       // the form's own button runs it
      createShareableLink: null,    // the page's URL is the link
      consumeShareLink: null,
      resizeable: true,
      editorHeight: "260px",
      // never used (the form runs queries), but never another site's endpoint either
      requestConfig: {endpoint: new URL(form.action, window.location.href).href},
    });
    // Ctrl-Enter submits the form (key maps added so take precedence over YASQE's own)
    yasqe.addKeyMap({"Ctrl-Enter": submit, "Cmd-Enter": submit});
    window.geonewsEditor = yasqe;
    document.documentElement.dataset.editor = "ready";
  }

  form.addEventListener("submit", function (ev) {
    if (!yasqe) return;
    ev.preventDefault();
    submit();
  });
  fetch(form.dataset.vocabulary).then(function (r) { return r.ok ? r.json() : null; })
    .then(start, function () { start(null); });
})();
