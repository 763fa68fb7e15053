"""Example SPARQL queries shown on the home page and in the editor (each links to /sparql?query=...)."""

_P = """PREFIX geonews: <https://w3id.org/geonews/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Who supports whom, with the sentence that says so", _P + """SELECT ?a ?b ?evidence WHERE {
  ?claim rdf:predicate geonews:supports ; rdf:subject ?s ; rdf:object ?o ;
         geonews:evidence ?evidence .
  ?s rdfs:label ?a . ?o rdfs:label ?b .
} LIMIT 50"""),
    ("Every relation between two actors, by type", _P + """SELECT ?p (COUNT(*) AS ?n) WHERE {
  ?claim a geonews:Claim ; rdf:predicate ?p .
} GROUP BY ?p ORDER BY DESC(?n)"""),
    ("Meetings and their participants", _P + """SELECT ?meeting ?who ?date WHERE {
  ?meeting a geonews:Meeting ; geonews:participant ?p .
  ?p rdfs:label ?who .
  OPTIONAL { ?meeting geonews:date ?date }
} LIMIT 50"""),
    ("Entities linked to Wikidata", _P + """PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?entity ?label ?wikidata WHERE {
  ?entity owl:sameAs ?wikidata ; rdfs:label ?label .
} ORDER BY ?label LIMIT 100"""),
    ("Articles and how many entities each mentions", _P + """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?article ?title (COUNT(?e) AS ?mentions) WHERE {
  ?article a geonews:Article ; dcterms:title ?title ; geonews:mentions ?e .
} GROUP BY ?article ?title ORDER BY DESC(?mentions)"""),
)


#: Queries that work on any dataset, shown in the editor after the examples above.
GENERIC: tuple[tuple[str, str], ...] = (
    ("Classes and how many instances each has",
     "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"),
    ("Named graphs (one per article) and their sizes",
     "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } }\n"
     "GROUP BY ?g ORDER BY DESC(?triples)"),
    ("Any 20 statements as a graph", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20"),
)
