"""The bundled sample government sites: 青山县人民政府 with its 政府信息公开 platform, the smaller
青山县教育局 site, and stand-ins for outside sites, served on 127.0.0.1 for the demo, tests and benchmarks.

``samplesite.build.build_site`` writes the sites and returns their ground truth (committed as
``samplesite/ground_truth.json``); ``samplesite.server.start`` serves them. Every defect is deliberate
and listed in the ground truth; everything is dated relative to the fixed evaluation date 2026-06-30.
"""
