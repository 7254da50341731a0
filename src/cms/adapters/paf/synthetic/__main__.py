"""``python -m cms.adapters.paf.synthetic``: see :func:`cms.adapters.paf.synthetic.writer.main`."""

from cms.adapters.paf.synthetic.writer import main

raise SystemExit(main())
