"""Pure parsers: bytes and text in, the plain types of `crawler.parse.types` out.

Nothing here fetches, stores or judges; the spider calls these functions and the checks read what the
store kept of their results. Each module does one job:

* `encoding`  – bytes → text, through lying charset declarations and double-decoded (mojibake) text;
* `dates`     – the date formats Chinese government pages use, and dates hidden in CMS URLs;
* `metadata`  – national meta tags and the 信息公开 metadata block (索引号, 发布机构 …);
* `challenge` – anti-bot / WAF challenge pages (瑞数, 加速乐, 知道创宇, 磐云 …);
* `soft404`   – "not found" pages served with 200, redirects home or to a parent, meta refreshes;
* `names`     – the names sites give the four mandatory sections and the platform itself;
* `platform`  – CMS fingerprints (TRS, Hanweb, jpaas, Fujian 政务云, Kaipuyun, gkmlpt);
* `lists`     – one adapter per list scheme, tried in order by `extract_list`;
* `page`      – `parse_page`, which ties the rest together for one HTML page.
"""
