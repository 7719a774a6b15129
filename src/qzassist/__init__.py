"""qzassist: answers questions about a school's annual education quality report, with section citations.

    from qzassist import Assistant
    assistant = Assistant.load()
    answer = assistant.ask("学校有多少教职工？")
"""

__version__ = "0.1.0"
__all__ = ["Assistant", "Answer", "Citation", "__version__"]


def __getattr__(name):
    # Lazy so that `import qzassist` (and the CLI's --help) stays fast.
    if name == "Assistant":
        from .assistant import Assistant

        return Assistant
    if name in ("Answer", "Citation"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(name)
