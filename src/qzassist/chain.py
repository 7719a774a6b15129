"""The assistant as a LangChain (LCEL) chain: standalone query -> retrieve -> compose with citations.

For callers that compose LangChain runnables (LangServe, agents, tracing). The steps are the
Assistant's own methods, so the chain and ``Assistant.ask`` answer alike.

    chain = build_chain(Assistant.load())
    answer = chain.invoke({"question": "那2024年呢？", "history": [("2025年生师比是多少？", "…")]})
"""

from __future__ import annotations

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from .assistant import Assistant


def build_chain(assistant: Assistant) -> Runnable:
    """An LCEL chain over a loaded Assistant.

    Args:
        assistant: a ready Assistant.

    Returns:
        A Runnable taking ``{"question": str, "history": list | None}`` and returning an ``Answer``.
    """
    standalone = RunnablePassthrough.assign(
        query=RunnableLambda(lambda x: assistant.standalone(x["question"], x.get("history"))).with_config(
            run_name="standalone_query"))
    retrieve = RunnablePassthrough.assign(
        hits=RunnableLambda(lambda x: assistant.retrieve(x["query"])).with_config(run_name="retrieve"))
    compose = RunnableLambda(lambda x: assistant.compose(x["question"], x["query"], x["hits"])).with_config(
        run_name="compose_with_citations")
    return (standalone | retrieve | compose).with_config(run_name="qzassist")
