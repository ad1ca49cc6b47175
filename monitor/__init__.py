"""Monitoring on a schedule (`xxgk schedule`): the site registry, availability probes, scheduled crawls
and alerts. It sits above the stages: it runs `xxgk crawl` as child processes and the check step on
their runs; crawler/ and checks/ never import it (the checks read the probes it stores)."""
