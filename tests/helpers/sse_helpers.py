"""Read server-sent events in tests: `events(lines)` turns an async iterator of text lines
(httpx `aiter_lines`) into {"event", "data", "comment"} dicts, one per blank-line-ended block."""

import json


async def events(lines):
    block = {}
    async for line in lines:
        if not line:
            if block:
                if "data" in block:
                    block["data"] = json.loads(block["data"])
                yield block
            block = {}
            continue
        if line.startswith(":"):
            block["comment"] = line[1:].strip()
            continue
        name, _sep, value = line.partition(":")
        block[name] = block.get(name, "") + value.removeprefix(" ")


async def next_event(stream, name, timeout):
    """The next event called `name` of an `events()` iterator (comments and others skipped)."""
    import asyncio

    async def wait():
        async for found in stream:
            if found.get("event") == name:
                return found
        return None

    return await asyncio.wait_for(wait(), timeout)
