"""The relation stage: argument helpers (`arguments`), the patterns (`verbal`, `nominal`, run in
order by `patterns`), and candidates to checked, dated, attributed and scored facts (`facts`,
`attribution`, `dates`)."""
