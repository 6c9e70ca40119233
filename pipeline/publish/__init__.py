"""What is made from the built TEI for people and other tools: the static reading and
proofing site (``build_site``) and the correspondence export in CMIF (``write_cmif``)."""

from pipeline.publish.cmif import write_cmif
from pipeline.publish.site import build_site

__all__ = ["build_site", "write_cmif"]
