"""blocked: pages answered with an anti-bot or WAF challenge the crawler could not pass.

Rule: contract "Judgements the checks share": a challenge page (瑞数 412, 加速乐 521, WAF 403/422
stubs …) is `blocked`, never `broken_link`; it makes the run partial and withholds the findings the page
would have fed. The crawl classifies each response as a whole (cms-patterns.md §8); this check reports
what it stored.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext

PROTECTIONS = {"ruishu": "瑞数", "jiasule": "加速乐", "zhidao": "知道创宇", "panyun": "磐云", "waf": "WAF",
               "captcha": "验证码"}


class Blocked(Check):
    id = "blocked"
    severity = "info"
    rule = "政府网站与政务新媒体检查指标(2019) 可用性（页面被反爬虫/WAF拦截，无法评估）"
    source = "cms-patterns.md §8; contract 'Judgements the checks share'"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        for page in ctx.pages:
            if not page["blocked"]:
                continue
            name = PROTECTIONS.get(page["blocked"], page["blocked"])
            yield Finding(
                key=page["url"], url=page["url"], reason=page["blocked"],
                message=f"页面被{name}防护拦截（HTTP {page['status']}），未能获取内容，相关检查已暂缓",
                evidence={"status": page["status"], "protection": page["blocked"], "role": page["role"],
                          "fetched_at": page["fetched_at"], "snapshot": page["body_hash"],
                          "content_length": page["content_length"]})
