from petition_desk.cli import main

raise SystemExit(main())
