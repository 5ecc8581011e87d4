"""Demo course content: the ICT strategy courses for senior managers.

Plain data, loaded by `learning.demo.seeding`. The courses draw on the 2003 progress
report of the Secretary-General on a system-wide ICT strategy (A/58/568), retold in
our own words for managers. Lesson bodies are lists of (block_type, value) pairs
matching the blocks in `courses.blocks`.
"""

COURSES = [
    {
        "slug": "ict-strategy-for-senior-managers",
        "title": "ICT strategy for senior managers",
        "summary": (
            "A practical course on using information and communication technologies as "
            "a strategic tool: coordinating across the UN system, agreeing common "
            "standards, buying together and leading the change that makes it work."
        ),
        "intro": (
            "<p>Information and communication technologies (ICT) now shape how every "
            "organization of the United Nations system delivers its mandate, yet "
            "decisions about them are still too often left to specialists or taken "
            "late. This course builds on the Secretary-General’s 2003 progress report "
            "on a system-wide ICT strategy, prepared in response to General Assembly "
            "resolution 57/295, and turns its conclusions into guidance for senior "
            "managers today.</p>"
            "<p>Over six modules you will look at ICT as a strategic asset, at "
            "coordination and information sharing between organizations, at common "
            "standards and joint procurement, at building realistic ICT components "
            "into plans and projects, and at the leadership that change of this kind "
            "demands. Each module combines short explanations with cases, reflection "
            "questions and practical guidance you can apply in your own "
            "organization.</p>"
        ),
        "learning_outcomes": [
            (
                "Explain why ICT decisions belong on the senior management agenda and "
                "how they connect to your organization’s mandate and results."
            ),
            (
                "Distinguish between ICT that strengthens programme delivery and ICT "
                "that helps manage the organization, and keep the two aligned."
            ),
            (
                "Identify practical opportunities for coordination and information "
                "sharing with other organizations of the UN system."
            ),
            (
                "Judge when common minimum standards, shared inventories and joint "
                "procurement will add value, and what they require of your "
                "organization."
            ),
            (
                "Build realistic ICT components into business plans and projects from "
                "the outset, with milestones, resources and clear accountability."
            ),
            (
                "Lead and sustain the organizational change on which system-wide ICT "
                "cooperation depends."
            ),
        ],
        "audience": (
            "Senior managers responsible for programmes, administration or field "
            "operations in organizations of the UN system, and the chief information "
            "officers who advise them. No technical background is assumed."
        ),
        "estimated_hours": 4,
        "topics": [
            "ICT strategy",
            "Governance",
            "Interoperability",
            "Procurement",
            "Change management",
        ],
        "steps_in_order": True,
        "modules": [
            {
                "slug": "ict-as-a-strategic-tool",
                "title": "ICT as a strategic tool",
                "summary": (
                    "Why information and communication technologies belong on the "
                    "senior management agenda, and how to connect them to your "
                    "organization’s mandate."
                ),
                "estimated_minutes": 35,
                "body": [
                    (
                        "heading",
                        {"text": "Why ICT is a management issue", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>For much of the history of the United Nations system, "
                            "information and communication technologies (ICT) were "
                            "treated as a utility: something that had to work and "
                            "could safely be left to a technical unit. Systems were "
                            "chosen one office at a time, and senior managers became "
                            "involved mainly when something failed or a large invoice "
                            "needed approval.</p>"
                            "<p>That view no longer fits. The way an organization "
                            "gathers data, works with partners, manages money and "
                            "people, and reports results to its governing bodies now "
                            "depends on the technology it uses. In resolution 57/295 "
                            "of December 2002, the General Assembly asked the system "
                            "to use ICT deliberately, as an instrument for making its "
                            "development and technical cooperation work more "
                            "efficient, more effective and more far-reaching, and to "
                            "use it to bring the system’s many programmes into closer "
                            "alignment. The progress report presented to the Assembly "
                            "in 2003 is the starting point for this course.</p>"
                        ),
                    ),
                    (
                        "video",
                        {
                            "url": "https://www.youtube.com/watch?v=ict-strategy-intro",
                            "title": (
                                "Introducing the course: ICT strategy for senior "
                                "managers"
                            ),
                            "transcript": (
                                "<p>Welcome. Over the next few hours we are going to "
                                "talk about information and communication "
                                "technologies, but this is not a technical course. You "
                                "will not be asked to compare servers or read network "
                                "diagrams. Our subject is management: how the "
                                "decisions you already take about programmes, budgets, "
                                "staff and partnerships are shaped by technology, and "
                                "how you can shape the technology in return.</p>"
                                "<p>Our reference point is a short report that the "
                                "Secretary-General presented to the General Assembly "
                                "in 2003, describing the first steps towards an ICT "
                                "strategy for the whole United Nations system. Much of "
                                "the technology it mentions has since changed beyond "
                                "recognition. Its central messages have not. It argued "
                                "that technology has to be part of strategic decisions "
                                "from the start, that organizations gain a great deal "
                                "by sharing information and buying together, and that "
                                "none of this happens without visible commitment from "
                                "senior leaders.</p>"
                                "<p>The course follows that argument in six steps. We "
                                "begin with ICT as a strategic tool, then look at "
                                "coordination and information sharing across the "
                                "system, at the minimum standards that let different "
                                "systems work together, and at joint procurement. We "
                                "then turn to your own plans and projects, and finish "
                                "with the leadership needed to make change last.</p>"
                                "<p>As you work through the modules, keep one real "
                                "initiative from your own organization in mind: a "
                                "system being replaced, a field programme that depends "
                                "on connectivity, or a reform that needs better data. "
                                "Use the reflection questions to test that initiative "
                                "against the ideas in each module.</p>"
                                "<p>Along the way you will find a self-assessment "
                                "checklist to take to your management team. It is not "
                                "a scorecard, but a way to start an honest "
                                "conversation about where technology helps your "
                                "organization deliver its mandate and where it holds "
                                "it back. Let us begin.</p>"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {
                            "text": "From support service to strategic asset",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The 2003 report traces how inter-agency cooperation on "
                            "ICT began. For many years it consisted mostly of "
                            "technology managers comparing technical notes with their "
                            "counterparts in other organizations. That was useful, but "
                            "it rarely touched the goals of the organizations "
                            "themselves. Because technology was seen as a support "
                            "function, nobody could point to an obvious return on "
                            "coordinating it, so few people outside the technical "
                            "community tried.</p>"
                            "<p>Three developments changed the picture. First, "
                            "connection became cheaper and easier just as more of the "
                            "problems facing the system began to cut across individual "
                            "mandates. Second, Member States started to ask whether "
                            "the system was getting full value from what it spent on "
                            "technology. Third, the reform of the inter-agency "
                            "machinery launched in 1999, which produced what is now "
                            "the Chief Executives Board for Coordination (CEB), moved "
                            "ICT questions up to the level of senior management. ICT "
                            "became a standing item for the High Level Committee on "
                            "Management and also for the High Level Committee on "
                            "Programmes – a sign that it had become a matter of "
                            "programme delivery as well as of administration.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "image": "strategy-map",
                            "alt_text": (
                                "A diagram with the organization’s mandate and goals "
                                "at the top, linked through programme and management "
                                "objectives to the ICT capabilities that support them, "
                                "such as data, connectivity and core systems."
                            ),
                            "caption": (
                                "A strategy map: every ICT capability should trace "
                                "back to a goal the organization is trying to reach."
                            ),
                        },
                    ),
                    ("heading", {"text": "Two streams, one strategy", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>The consultations held in 2003 drew a useful "
                            "distinction between two kinds of ICT work in the system. "
                            "The first is the use of technology to strengthen what the "
                            "system does for Member States, above all in development: "
                            "helping countries build capacity, connecting communities "
                            "and supporting programmes in the field. The second is the "
                            "use of technology to run the organizations themselves "
                            "better: finance, human resources, procurement, knowledge "
                            "management and reporting.</p>"
                            "<p>The two streams call for different skills and often "
                            "draw on different budgets, but they should not be planned "
                            "in isolation. A field programme that registers "
                            "beneficiaries relies on the same identity, security and "
                            "connectivity services as the finance system. A management "
                            "system that cannot report by programme or by country will "
                            "not help programme managers show results. A sound "
                            "strategy looks at both streams together and rests on what "
                            "the organization can realistically build, run and "
                            "afford.</p>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Technology earns its place in strategy when it is "
                                "judged by what it does for the mandate, not by how "
                                "advanced it is. Any vision has to rest on an honest "
                                "reading of the capacities and constraints that exist "
                                "today."
                            ),
                            "attribution": (
                                "Paraphrasing the conclusions of the July 2003 "
                                "consultations between the CEB and the ICT Task Force"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "A new reporting system that nobody asked for",
                            "organization": (
                                "A mid-sized specialized agency with regional offices"
                            ),
                            "body": (
                                "<p>The agency’s technical unit replaced its ageing "
                                "project reporting system with a modern, well-designed "
                                "product. The project was delivered on time and within "
                                "budget. Within a year, however, most regional offices "
                                "had gone back to spreadsheets. The new system "
                                "recorded activities and spending in great detail, but "
                                "it could not show progress against the results "
                                "framework that the governing body had adopted in the "
                                "same period, which was exactly what regional "
                                "directors were now being asked to report on.</p>"
                                "<p>Nothing had gone wrong in technical terms. The "
                                "decision had simply been framed as the replacement of "
                                "a tool rather than as a question about the "
                                "information senior managers and Member States would "
                                "need. When the agency revisited the project, it began "
                                "with a short workshop in which programme directors "
                                "described the decisions they had to take and the "
                                "evidence those decisions required. The revised system "
                                "was smaller than the first one, and it was used.</p>"
                            ),
                            "lesson": (
                                "Start ICT decisions from the decisions and results "
                                "the organization must deliver, not from the "
                                "technology to be replaced."
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "What this means for senior managers", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Treating ICT as a strategic tool does not require "
                            "every senior manager to become a technologist. It means "
                            "asking a different set of questions, and asking them "
                            "early:</p><ul>"
                            "<li><b>Purpose:</b> which goal in our strategic plan does "
                            "this investment serve, and how will we know whether it "
                            "has helped?</li>"
                            "<li><b>Scope:</b> does it support programme delivery, "
                            "internal management or both, and have the people "
                            "responsible for each been involved?</li>"
                            "<li><b>Capacity:</b> can we realistically run, support "
                            "and pay for it over its whole life, including in our "
                            "field locations?</li>"
                            "<li><b>Connection:</b> does something similar already "
                            "exist elsewhere in the system, and could we share it, "
                            "reuse it or buy it together?</li>"
                            "<li><b>Limits:</b> what will the technology not solve? "
                            "Which parts of the problem are really about processes, "
                            "incentives or skills?</li></ul>"
                            "<p>The last question matters as much as the others. The "
                            "2003 report stressed that senior staff need a better "
                            "grasp of both the potential and the limitations of ICT "
                            "when it comes to solving specific problems. Expecting too "
                            "much of technology is as costly as ignoring it.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "The afterthought trap",
                            "body": (
                                "<p>If ICT is considered only after a programme has "
                                "been designed and funded, the remaining options are "
                                "usually poor: a rushed and expensive purchase, an "
                                "unsupported local workaround, or a gap that "
                                "undermines delivery. Bring your chief information "
                                "officer, or equivalent, into the discussion while the "
                                "options are still open.</p>"
                            ),
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Think of the three most important decisions your "
                                "management team will take this year. For each, what "
                                "information or technology does it depend on, and who "
                                "brings that perspective into the room?"
                            ),
                            "guidance": (
                                "If the honest answer is ‘nobody’ or ‘the technical "
                                "unit, afterwards’, note where an earlier conversation "
                                "would have helped. Consider whether your chief "
                                "information officer, or equivalent, sits on the body "
                                "that takes strategic decisions, and whether ICT "
                                "appears in your strategic plan as a means to specific "
                                "results rather than as a general line of support "
                                "costs."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>ICT is now part of how the mandate is delivered, "
                                "not only a support service.</li>"
                                "<li>A strategy must cover both ICT for programme "
                                "delivery and ICT for managing the organization, and "
                                "keep the two connected.</li>"
                                "<li>Good ICT decisions start from goals and from a "
                                "realistic view of capacity.</li>"
                                "<li>Senior managers need to understand both what "
                                "technology can do and what it cannot.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "system-wide-coordination-and-information-sharing",
                "title": "System-wide coordination and information sharing",
                "summary": (
                    "How organizations of the UN system can share information, avoid "
                    "duplication and coordinate ICT investment without giving up their "
                    "distinct mandates."
                ),
                "estimated_minutes": 35,
                "body": [
                    ("heading", {"text": "The cost of working alone", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Each organization of the UN system has its own "
                            "governing body, its own budget and, for a long time, its "
                            "own approach to technology. By the early 2000s the result "
                            "was a patchwork: many separate systems for finance, human "
                            "resources, documents and communication, often solving the "
                            "same problems in slightly different ways. The 2003 report "
                            "identified the central question. With so many different "
                            "systems in use, how can the parts of each organization, "
                            "and the system as a whole, communicate and work together? "
                            "And how can new investments benefit from what other "
                            "organizations have already learned, so that the system "
                            "becomes more harmonized and gets more for its money?</p>"
                            "<p>The costs of working alone rarely appear in any single "
                            "budget. They show up as duplicated development effort, as "
                            "staff re-entering data that already exists elsewhere, as "
                            "country teams unable to see each other’s information, and "
                            "as bargaining power with suppliers that is never used. "
                            "They are also visible to Member States, which fund many "
                            "organizations at once and increasingly expect them to "
                            "behave as one system.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "What the system began to build", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Under the High Level Committee on Management, ICT "
                            "managers were encouraged to concentrate on areas where "
                            "joint work would clearly pay off, such as exchanging "
                            "information, forming partnerships and avoiding "
                            "duplication. The 2003 report describes several early "
                            "initiatives:</p><ul>"
                            "<li><b>A compendium of good practice</b>, meant to give "
                            "senior managers short, current analyses of what had and "
                            "had not worked in other organizations.</li>"
                            "<li><b>A system-wide extranet</b>, allowing staff of "
                            "different organizations to share material previously "
                            "confined to individual intranets. By 2003 some 55 UN "
                            "entities were connected.</li>"
                            "<li><b>A common search facility</b> covering the public "
                            "websites of the system’s organizations, which also "
                            "encouraged more consistent ways of managing web "
                            "content.</li>"
                            "<li><b>A collaboration tool</b> for the ICT network, "
                            "designed to be extended later to other inter-agency "
                            "communities of practice.</li>"
                            "<li><b>Inventories</b> of application software and of "
                            "framework agreements for procurement, so that "
                            "organizations could see what already existed before "
                            "building or buying something new.</li></ul>"
                            "<p>None of these would count as remarkable technology "
                            "today. What matters is the pattern: begin with modest, "
                            "shared tools that make existing knowledge visible, and "
                            "use them to build the habit of cooperation.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "image": "shared-services",
                            "alt_text": (
                                "A diagram showing several separate organizations "
                                "arranged in a circle, each connected by lines to a "
                                "common service platform in the centre that offers "
                                "shared tools such as search, a collaboration space "
                                "and common software agreements."
                            ),
                            "caption": (
                                "Shared services: each organization keeps its own "
                                "mandate but draws on a common platform where that "
                                "adds value."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Why there is no single e-policy",
                            "body": (
                                "<p>The organizations consulted in 2003 agreed that "
                                "one ICT policy for the entire system was unlikely to "
                                "be possible or practical, given how different their "
                                "mandates and operating environments are. What they "
                                "did regard as both achievable and necessary was a "
                                "shared strategy: a common sense of direction, "
                                "continued information sharing and closer coordination "
                                "wherever it clearly serves coherence and "
                                "effectiveness.</p>"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Coordination at three levels", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The report observed that progress requires parallel "
                            "work at three levels, each with its own part to "
                            "play:</p><ul>"
                            "<li><b>ICT managers</b> do the practical work: agreeing "
                            "standards, sharing inventories, testing common tools and "
                            "running joint tenders.</li>"
                            "<li><b>Senior management</b> sets priorities, provides "
                            "resources and removes the administrative obstacles that "
                            "technical staff cannot remove on their own.</li>"
                            "<li><b>Member States</b>, through governing bodies, can "
                            "reward cooperation in the way they approve budgets and "
                            "review performance – or can unintentionally discourage "
                            "it.</li></ul>"
                            "<p>Most coordination efforts that stall do so because one "
                            "of these levels is missing. Technical staff may agree on "
                            "a shared approach that never receives funding. Leaders "
                            "may announce a commitment to shared services that never "
                            "turns into technical decisions. Governing bodies may call "
                            "for coherence while approving budgets that reward each "
                            "organization for going its own way.</p>"
                        ),
                    ),
                    (
                        "case_study",
                        {
                            "title": "A shared connectivity service for a country team",
                            "organization": (
                                "A UN country team in a post-crisis setting"
                            ),
                            "body": (
                                "<p>Seven organizations opened offices in the same "
                                "city within a few months of each other. Each began "
                                "arranging its own satellite links, radio network and "
                                "internet contracts. The resident coordinator’s office "
                                "asked the ICT focal points to meet, and they found "
                                "that between them they were about to sign contracts "
                                "worth several times the cost of a single, "
                                "better-quality shared service.</p>"
                                "<p>The heads of agency agreed that one organization "
                                "would procure and run a common connectivity service "
                                "for all of them, under a simple cost-sharing "
                                "memorandum. The technical design took two weeks. The "
                                "administrative agreement took four months, because "
                                "each organization’s finance and legal rules had to be "
                                "reconciled. Once in place, the service also let the "
                                "team keep a common contact directory and a shared "
                                "document space for joint assessments.</p>"
                            ),
                            "lesson": (
                                "Technical cooperation is usually the easy part; the "
                                "harder work lies in aligning administrative rules, "
                                "and that requires senior managers to act."
                            ),
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Working together on ICT is no longer optional. The "
                                "issues the system deals with cross organizational "
                                "boundaries, and so must the information needed to "
                                "address them."
                            ),
                            "attribution": (
                                "Paraphrasing the 2003 report of the Secretary-General "
                                "on a system-wide ICT strategy"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {
                            "text": "Practical steps for your organization",
                            "level": "h3",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>A few simple measures make cooperation far more "
                            "likely:</p><ul>"
                            "<li>Before approving a major system investment, ask for "
                            "evidence that the team has checked what other "
                            "organizations use and what they learned.</li>"
                            "<li>Name a senior focal point for inter-agency ICT "
                            "cooperation, with authority to commit the organization "
                            "within agreed limits.</li>"
                            "<li>At country level, make shared services a standing "
                            "item for the country team rather than an emergency "
                            "measure.</li>"
                            "<li>Keep an up-to-date list of your main systems and "
                            "agreements that partner organizations can see, so that "
                            "they can spot opportunities to work with you.</li></ul>"
                        ),
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "When did your organization last build or buy "
                                "something that another UN organization already had? "
                                "What stopped you from sharing or reusing it?"
                            ),
                            "guidance": (
                                "Be specific about the obstacle. Was it a lack of "
                                "information about what existed, a difference in "
                                "business rules, a funding or procurement constraint, "
                                "or simply that nobody asked? Each has a different "
                                "remedy, and only some of them are within the reach of "
                                "technical staff."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Working alone has hidden costs in duplication, "
                                "lost information and unused bargaining power.</li>"
                                "<li>The aim is a shared direction for the system, not "
                                "a single policy imposed on every organization.</li>"
                                "<li>Start with modest tools that make existing "
                                "knowledge visible, and build the habit of "
                                "cooperation.</li>"
                                "<li>Coordination needs ICT managers, senior managers "
                                "and governing bodies pulling in the same "
                                "direction.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "minimum-standards-and-interoperability",
                "title": "Minimum standards and interoperability",
                "summary": (
                    "How common minimum standards and a clear view of software assets "
                    "let different systems connect and exchange information without "
                    "forcing uniformity."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "heading",
                        {
                            "text": "Why standards are a management concern",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Interoperability is the ability of different systems, "
                            "and of the organizations behind them, to exchange "
                            "information and put it to use without special effort. The "
                            "term sounds technical, but managers feel its absence "
                            "every day: a joint programme whose partners cannot share "
                            "beneficiary lists, a country team that needs weeks of "
                            "manual reconciliation to produce a common report, or the "
                            "merger of two offices that forces one of them to rebuild "
                            "all its records.</p>"
                            "<p>The 2003 report asked ICT managers to develop and "
                            "apply minimum standards so that systems across the UN "
                            "system would be compatible and able to connect. The word "
                            "“minimum” matters. The aim is not to make every "
                            "organization use the same products. It is to agree on the "
                            "small number of things that must be common for "
                            "information to move, and to leave everything else to each "
                            "organization’s judgement.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "What minimum standards typically cover",
                            "level": "h3",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The precise list changes with technology, but in "
                            "practice minimum standards tend to address:</p><ul>"
                            "<li><b>Connectivity:</b> common network and communication "
                            "protocols so that offices and systems can reach one "
                            "another.</li>"
                            "<li><b>Identity and access:</b> ways for staff of one "
                            "organization to be recognized securely by the systems of "
                            "another.</li>"
                            "<li><b>Data and reference codes:</b> shared definitions "
                            "for countries, currencies, organizational units, "
                            "programme categories and other basic lists.</li>"
                            "<li><b>Document and data formats:</b> open or widely "
                            "supported formats for exchanging documents and "
                            "datasets.</li>"
                            "<li><b>Metadata:</b> consistent description of content, "
                            "so that it can be searched and found across "
                            "organizations.</li>"
                            "<li><b>Security:</b> a common baseline for protecting "
                            "information, so that partners can trust each other with "
                            "it.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Standardization is not uniformity",
                            "body": (
                                "<p>Standards that try to prescribe too much quickly "
                                "lose support, because they collide with legitimate "
                                "differences in mandate, size and operating "
                                "environment. Standards that are too loose achieve "
                                "nothing. Ask for the smallest set of common rules "
                                "that would make the exchanges you actually need "
                                "possible, and review that set regularly.</p>"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Knowing what you already have", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The report also called for an inventory of the "
                            "software held across the UN system, so that organizations "
                            "could exchange solutions and find ways to work together. "
                            "The reasoning is simple: an organization cannot share "
                            "what it has not described, and it cannot avoid "
                            "duplication if it does not know what already exists.</p>"
                            "<p>For a senior manager the first step is usually "
                            "internal. Many organizations have no complete, current "
                            "list of their own applications, their owners, their "
                            "running costs and the business processes they support. "
                            "Building that picture often reveals several systems doing "
                            "the same job, locally developed tools that nobody can "
                            "maintain, and licences that are paid for but no longer "
                            "used. It also provides the raw material for sharing with "
                            "other organizations.</p>"
                        ),
                    ),
                    (
                        "case_study",
                        {
                            "title": "Five systems for one process",
                            "organization": (
                                "A large development programme with offices in more "
                                "than 100 countries"
                            ),
                            "body": (
                                "<p>When the programme began reviewing its application "
                                "portfolio, it expected to find about 40 significant "
                                "systems. It found more than 150, including five "
                                "different tools used by regional offices to track the "
                                "same category of grants. Each had been built for a "
                                "sensible local reason, but together they meant that "
                                "headquarters could not produce a consolidated picture "
                                "without manual work, and partners in joint programmes "
                                "received data in five different layouts.</p>"
                                "<p>Rather than imposing one of the five tools, the "
                                "programme agreed a common data standard for grant "
                                "records: a short list of mandatory fields, shared "
                                "codes and an export format. Offices could keep their "
                                "existing tool for a transition period, provided it "
                                "produced data that met the standard. Within two years "
                                "three of the tools had been retired, because offices "
                                "found it easier to adopt one that already complied. "
                                "The standard was later offered to partner "
                                "organizations for joint programmes.</p>"
                            ),
                            "lesson": (
                                "Agreeing a common data standard can achieve "
                                "consolidation faster, and with less resistance, than "
                                "mandating a single system."
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Governing standards over time", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Standards are not agreed once and then forgotten. "
                            "Technology changes, new partners join, and yesterday’s "
                            "sensible choice becomes tomorrow’s obstacle. A standard "
                            "that nobody owns will drift out of date, and staff will "
                            "quietly work around it. Senior managers should therefore "
                            "make sure that each standard has a named owner, a "
                            "published version and a date for review.</p>"
                            "<p>Two further choices deserve attention at management "
                            "level. The first is how exceptions are handled: there "
                            "will always be good reasons for some departures, but they "
                            "should be decided openly, recorded and revisited, not "
                            "granted informally. The second is alignment with the "
                            "wider system. Wherever a standard has already been agreed "
                            "among UN organizations, or is widely used by Member "
                            "States and partners, adopting it is usually cheaper and "
                            "more useful than inventing a local variant, even when the "
                            "local version looks slightly better on paper.</p>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Systems may differ; what must be shared is the "
                                "ability to connect and to exchange information "
                                "reliably. Minimum standards are the price of working "
                                "as a system."
                            ),
                            "attribution": (
                                "Paraphrasing the 2003 report of the Secretary-General "
                                "on a system-wide ICT strategy"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Questions to put to your ICT team", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>You do not need to judge the technical detail of "
                            "standards, but you should expect clear answers to "
                            "questions such as these:</p><ol>"
                            "<li>Which standards does our organization already follow "
                            "for data, documents and identity, and where are they "
                            "written down?</li>"
                            "<li>Which exchanges with other UN organizations or "
                            "partners still require manual re-entry or "
                            "reformatting?</li>"
                            "<li>Do we have a current inventory of our applications, "
                            "with owners and running costs?</li>"
                            "<li>Where could we adopt a standard or solution already "
                            "used elsewhere in the system instead of developing our "
                            "own?</li>"
                            "<li>Who decides when an exception to a standard is "
                            "justified, and is that decision recorded?</li></ol>"
                        ),
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "If your organization had to share its core programme "
                                "data with three other UN organizations next month, "
                                "what would stop it?"
                            ),
                            "guidance": (
                                "Think about definitions as well as technology. Often "
                                "the first obstacle is that each organization counts "
                                "beneficiaries, classifies activities or codes "
                                "locations differently. Those are management choices, "
                                "and agreeing on them is a management responsibility, "
                                "even when the technical work is delegated."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Interoperability means information flows between "
                                "organizations without special effort.</li>"
                                "<li>Minimum standards should cover what must be "
                                "common, and nothing more.</li>"
                                "<li>An accurate inventory of your own systems is the "
                                "basis for sharing and for avoiding duplication.</li>"
                                "<li>Common data definitions are management decisions, "
                                "not only technical ones.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "joint-procurement-and-framework-agreements",
                "title": "Joint procurement and framework agreements",
                "summary": (
                    "How organizations can use the combined buying power of the UN "
                    "system for ICT goods and services, and what senior managers must "
                    "do to make joint procurement work."
                ),
                "estimated_minutes": 30,
                "body": [
                    (
                        "heading",
                        {"text": "The buying power of the system", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Taken together, the organizations of the UN system buy "
                            "a great many computers, software licences, network "
                            "services and technical services. Bought separately, "
                            "through dozens of parallel tenders, that demand earns "
                            "only modest discounts and generates a large amount of "
                            "duplicated administrative work. The 2003 report asked ICT "
                            "managers to use the system’s combined purchasing strength "
                            "to secure better terms, and noted that the High Level "
                            "Committee on Management was working with the procurement "
                            "networks to extend joint buying of hardware, software and "
                            "services by means of framework agreements and bulk "
                            "discounts.</p>"
                            "<p>The report was equally clear about the obstacle. Each "
                            "organization’s budget, procurement and financial rules "
                            "tend to push it towards funding technology on its own. "
                            "Joint procurement is therefore not only a technical or "
                            "commercial matter: it depends on administrative rules "
                            "that senior managers own.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "How framework agreements work", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>A framework agreement is a contract, normally awarded "
                            "through a competitive process, that fixes the terms – "
                            "prices, service levels and conditions – on which goods or "
                            "services can be ordered over a period, without committing "
                            "to exact quantities in advance. When one organization "
                            "awards such an agreement and opens it to others, or when "
                            "several organizations tender together, each participant "
                            "can place orders without running its own full tender.</p>"
                            "<p>The benefits include:</p><ul>"
                            "<li>lower prices through combined volume;</li>"
                            "<li>lower transaction costs and faster delivery, which "
                            "matters most in emergencies;</li>"
                            "<li>more consistent equipment and software across "
                            "organizations, which supports interoperability and shared "
                            "support arrangements;</li>"
                            "<li>better information on what the system is buying and "
                            "at what price.</li></ul>"
                        ),
                    ),
                    ("heading", {"text": "Conditions for success", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Experience across the system suggests that joint "
                            "procurement works best when:</p><ul>"
                            "<li>the goods or services are fairly standard, such as "
                            "laptops, common software or connectivity, rather than "
                            "highly specialized;</li>"
                            "<li>participating organizations accept each other’s "
                            "procurement processes, so that an agreement awarded by "
                            "one can be used by others without repeating the "
                            "evaluation;</li>"
                            "<li>a lead organization is clearly responsible for "
                            "managing the agreement and the relationship with the "
                            "supplier;</li>"
                            "<li>forecasts of demand are realistic, so that suppliers "
                            "can price with confidence;</li>"
                            "<li>there is a simple way for organizations to join or "
                            "leave, and to share information on supplier "
                            "performance.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "Knowing which agreements already exist",
                            "level": "h3",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Joint procurement is only possible if buyers know what "
                            "is already available. The 2003 report mentions an "
                            "inventory of framework agreements compiled under the High "
                            "Level Committee on Management for exactly this reason. "
                            "Such inventories are valuable only when they are kept "
                            "current and when procurement and ICT staff are expected "
                            "to consult them before launching a new tender.</p>"
                            "<p>Existing agreements are particularly valuable in "
                            "emergencies. When a new operation must be equipped within "
                            "days, the ability to order communications equipment, "
                            "laptops and connectivity under terms already negotiated "
                            "by another organization can make the difference between a "
                            "functioning office and weeks of improvisation. Managers "
                            "responsible for emergency preparedness should check in "
                            "advance which agreements their organization can use, and "
                            "under what conditions, rather than discovering the answer "
                            "in the middle of a crisis.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Watch for the hidden costs",
                            "body": (
                                "<p>A low unit price can conceal dependence on a "
                                "single supplier, weak support in remote locations, or "
                                "licensing terms that become expensive later. Ask for "
                                "the total cost of ownership over the life of the "
                                "agreement, check that field offices can actually "
                                "obtain service under it, and make sure there is a way "
                                "out.</p>"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Pooling software licences",
                            "organization": (
                                "Four headquarters-based organizations in the same "
                                "duty station"
                            ),
                            "body": (
                                "<p>All four organizations were due to renew licences "
                                "for the same office and collaboration software within "
                                "an eighteen-month period. Their ICT chiefs compared "
                                "notes through the inter-agency network and proposed a "
                                "single negotiation, with one organization acting as "
                                "lead. The procurement officers were initially "
                                "reluctant, because each organization’s rules called "
                                "for its own competitive process and its own contracts "
                                "committee review.</p>"
                                "<p>The breakthrough came when the four heads of "
                                "administration agreed, in writing, to accept the lead "
                                "organization’s procurement process as meeting their "
                                "own requirements. The joint negotiation obtained "
                                "considerably better terms than any of the four had "
                                "secured alone, and covered field offices that had "
                                "previously relied on more expensive local "
                                "arrangements. The agreement was later opened to other "
                                "organizations in the system.</p>"
                            ),
                            "lesson": (
                                "Joint procurement succeeds when senior managers agree "
                                "in advance to trust each other’s procurement "
                                "processes."
                            ),
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Separate budgets and procedures tend to produce "
                                "separate solutions. Unless administrative rules are "
                                "brought into line, the system’s collective buying "
                                "power remains largely theoretical."
                            ),
                            "attribution": (
                                "Paraphrasing the 2003 report of the Secretary-General "
                                "on a system-wide ICT strategy"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "What senior managers should do", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Most of the levers that make joint procurement "
                            "possible sit with senior management rather than with "
                            "technical or procurement staff:</p><ul>"
                            "<li>Ask your procurement and ICT units to report once a "
                            "year on which ICT purchases used existing system-wide "
                            "agreements, which did not, and why.</li>"
                            "<li>Make acceptance of other UN organizations’ "
                            "procurement processes the default for standard ICT goods "
                            "and services, with clear safeguards.</li>"
                            "<li>Encourage your organization to lead agreements in "
                            "areas where it has particular expertise or volume.</li>"
                            "<li>Check that budget rules allow costs and savings to be "
                            "shared between organizations.</li></ul>"
                        ),
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Which of your organization’s recurring ICT purchases "
                                "could be made through an agreement that another UN "
                                "organization already has in place?"
                            ),
                            "guidance": (
                                "Start with the largest and most standard categories: "
                                "end-user devices, software licences, connectivity, "
                                "hosting and cloud services. Ask what prevented the "
                                "use of existing agreements last time. If the answer "
                                "is a procedural rule, identify who has the authority "
                                "to change or waive it."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>The UN system’s collective buying power is "
                                "substantial but underused.</li>"
                                "<li>Framework agreements cut prices and transaction "
                                "costs and support common standards.</li>"
                                "<li>The main obstacles are administrative rules, "
                                "which senior managers can change.</li>"
                                "<li>Judge agreements on total cost and on service in "
                                "the field, not on unit price alone.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "ict-in-business-plans-and-projects",
                "title": "ICT in business plans and projects",
                "summary": (
                    "How to build realistic ICT components into business plans and "
                    "projects from the outset, and how to turn strategy into an action "
                    "plan with clear accountabilities."
                ),
                "estimated_minutes": 35,
                "body": [
                    (
                        "heading",
                        {"text": "From afterthought to integral part", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>One of the clearest messages of the 2003 report is "
                            "that the role of ICT should be considered at a strategic "
                            "level in everything an organization does – in programme "
                            "design, in development work and in the field – and should "
                            "be built into decision-making rather than added at the "
                            "end. It follows that business plans and project proposals "
                            "need realistic ICT components from the very beginning.</p>"
                            "<p>In practice this often does not happen. A programme is "
                            "designed, negotiated with donors and approved, and only "
                            "then does someone ask how data will be collected, how "
                            "field staff will communicate or which system will handle "
                            "payments. By that stage the budget is fixed, the "
                            "timetable is tight and the choices are few. Costs that "
                            "were never planned are absorbed by core budgets, or the "
                            "programme runs on improvised tools that put data, "
                            "security and continuity at risk.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "What a realistic ICT component contains",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>A realistic ICT component is not a shopping list of "
                            "equipment. It explains how technology will support the "
                            "programme’s objectives and what it will take to make that "
                            "support work. At a minimum it should address:</p><ul>"
                            "<li><b>Information needs:</b> what data the programme "
                            "must collect, share and report, and to whom.</li>"
                            "<li><b>Existing solutions:</b> which organizational or "
                            "system-wide tools, standards and agreements will be used "
                            "before anything new is built or bought.</li>"
                            "<li><b>Whole-life costs:</b> not only purchase but also "
                            "licences, hosting, support, upgrades and eventual "
                            "retirement.</li>"
                            "<li><b>Operating environment:</b> connectivity, power, "
                            "security and the availability of local support, "
                            "especially in field locations.</li>"
                            "<li><b>People:</b> the skills needed to use and support "
                            "the technology, and the training and change support staff "
                            "will need.</li>"
                            "<li><b>Data protection and security:</b> how sensitive "
                            "information about beneficiaries, staff and partners will "
                            "be protected.</li>"
                            "<li><b>Exit:</b> what happens to systems and data when "
                            "the project ends or is handed over to national "
                            "partners.</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Beware optimism bias",
                            "body": (
                                "<p>The ICT elements of projects are routinely "
                                "underestimated in cost and time, particularly where "
                                "new systems must be linked to old ones or deployed in "
                                "difficult locations. Ask for a realistic range rather "
                                "than a single figure, and for an explicit "
                                "contingency.</p>"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Cash transfers without a data plan",
                            "organization": "A field-based humanitarian organization",
                            "body": (
                                "<p>An emergency cash-transfer programme for displaced "
                                "families was designed and funded within weeks. The "
                                "design focused, rightly, on targeting and on "
                                "partnerships with local financial providers. "
                                "Registration of beneficiaries was left to each field "
                                "team, which used whatever tools were to hand: paper "
                                "forms, spreadsheets and two different mobile data "
                                "collection applications.</p>"
                                "<p>Within three months the programme could not "
                                "reliably detect duplicate registrations, could not "
                                "share lists with a partner providing food assistance "
                                "to the same families, and faced questions from its "
                                "donor about the protection of personal data. Putting "
                                "things right cost more than a planned data component "
                                "would have, and delayed payments to families. The "
                                "organization now requires a short ICT and data "
                                "section in every programme proposal above a set "
                                "value, reviewed by its ICT unit before approval.</p>"
                            ),
                            "lesson": (
                                "A little ICT planning at the design stage prevents "
                                "much larger costs, and risks to the people served, "
                                "later on."
                            ),
                        },
                    ),
                    ("heading", {"text": "Making review routine", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>The most reliable way to make ICT part of planning is "
                            "to build it into the approval process itself. Many "
                            "organizations now require an ICT review for any proposal "
                            "above a set value, or for any proposal that involves "
                            "personal data or a new system. The review need not be "
                            "heavy: a short template completed by the programme team "
                            "and checked by the ICT function is usually enough to "
                            "surface the main risks and costs.</p>"
                            "<p>It also helps to look at ICT investments as a "
                            "portfolio rather than one project at a time. A periodic "
                            "review of all significant ICT initiatives across the "
                            "organization shows where several units are solving the "
                            "same problem, where a system-wide solution could be "
                            "adopted instead, and where scarce technical staff are "
                            "being spread too thinly. Senior management is the only "
                            "level at which that overall picture can be acted upon.</p>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "From strategy to action plan", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The 2003 report concluded that progress towards "
                            "system-wide coordination required an action plan setting "
                            "out the building blocks of a common framework, with "
                            "milestones, benchmarks and the resources needed – and, "
                            "most importantly, clear responsibility and accountability "
                            "for results. The same discipline applies inside a single "
                            "organization. An ICT strategy that is never broken down "
                            "into an action plan remains a statement of intent.</p>"
                            "<p>A useful ICT action plan answers five questions for "
                            "each initiative:</p><ol>"
                            "<li>What result will it deliver, and for which part of "
                            "the mandate?</li>"
                            "<li>What are the milestones, and by when must each be "
                            "reached?</li>"
                            "<li>How will progress be measured, and against what "
                            "baseline?</li>"
                            "<li>What resources – money, people and management "
                            "attention – does it need, and where will they come "
                            "from?</li>"
                            "<li>Who is accountable, by name or post, and to whom do "
                            "they report?</li></ol>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "A strategy without milestones, resources and named "
                                "accountability is an aspiration. It becomes a plan "
                                "only when someone answers for each result."
                            ),
                            "attribution": (
                                "Paraphrasing the conclusions of the 2003 report to "
                                "the General Assembly"
                            ),
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Look at the last major programme or project your "
                                "organization approved. Did its proposal include an "
                                "ICT component, and was that component realistic?"
                            ),
                            "guidance": (
                                "Check whether the proposal costed support and "
                                "maintenance as well as purchase, whether it reused "
                                "existing tools or agreements, and whether the ICT "
                                "unit reviewed it before approval. If not, consider "
                                "what simple requirement – a short template, a review "
                                "step, a value threshold – would change that for "
                                "future proposals."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Build ICT into business plans and project design "
                                "from the start, not after approval.</li>"
                                "<li>A realistic ICT component covers information "
                                "needs, reuse, whole-life costs, operating "
                                "environment, people, data protection and exit.</li>"
                                "<li>Turn strategy into an action plan with "
                                "milestones, measures, resources and named "
                                "accountability.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "document",
                        {
                            "document": "checklist",
                            "title": "ICT strategy checklist",
                            "description": (
                                "A short self-assessment for you and your management "
                                "team covering governance, coordination, standards, "
                                "procurement, planning and leadership. Use it to "
                                "choose two or three priorities for the coming year."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "leading-change",
                "title": "Leading change",
                "summary": (
                    "What senior leaders must do to make ICT cooperation a priority, "
                    "resource the change it requires and build their own understanding "
                    "of what technology can and cannot do."
                ),
                "estimated_minutes": 35,
                "body": [
                    ("heading", {"text": "Cooperation has to be led", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>The 2003 report was candid that system-wide ICT "
                            "coordination would not come about through technical "
                            "goodwill alone. It called for the continued engagement of "
                            "senior management, for an unambiguous message that "
                            "cooperation is a priority, and for adequate resources to "
                            "support coordination, harmonization and the management of "
                            "change. Those three conditions – visible commitment, a "
                            "clear priority and real resources – are a good test of "
                            "whether any ICT change effort is likely to succeed.</p>"
                            "<p>ICT change is rarely only about technology. A new "
                            "shared system alters how people work, who controls which "
                            "information, whose approval is needed and which skills "
                            "are valued. Staff may reasonably fear that shared "
                            "services mean fewer posts, that standards mean less "
                            "autonomy, or that new tools mean more work for uncertain "
                            "benefit. Leaders who treat these concerns as resistance "
                            "to be overcome, rather than as information to be "
                            "understood, usually meet more of it.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "image": "change-curve",
                            "alt_text": (
                                "A curve plotting morale and performance over time "
                                "during a change: an initial dip through shock, doubt "
                                "and resistance to a low point, followed by a rise "
                                "through exploration and acceptance to commitment, "
                                "ending higher than where it started."
                            ),
                            "caption": (
                                "The change curve: performance often falls before it "
                                "rises, and people need support at each stage."
                            ),
                        },
                    ),
                    ("heading", {"text": "Managing the transition", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>The change curve is a simplification, but it captures "
                            "something senior managers often forget: even a "
                            "well-designed change usually makes things worse for a "
                            "while before it makes them better. People need time to "
                            "learn new systems and processes, old workarounds stop "
                            "working, and the benefits tend to appear first for the "
                            "organization as a whole rather than for individuals. "
                            "Leaders who expect an immediate gain are likely to lose "
                            "confidence, or to lose the confidence of their staff, at "
                            "exactly the wrong moment.</p>"
                            "<p>Practical ways to support people through the curve "
                            "include:</p><ul>"
                            "<li>explaining early and often why the change matters for "
                            "the mandate, not only for efficiency;</li>"
                            "<li>involving users, including field staff, in design and "
                            "testing;</li>"
                            "<li>planning for a temporary dip in productivity and "
                            "protecting critical services while it lasts;</li>"
                            "<li>providing training when people need it rather than "
                            "months in advance;</li>"
                            "<li>recognizing and sharing early successes, and "
                            "listening to early problems.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        {"text": "Removing structural barriers", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Some obstacles to cooperation are built into the way "
                            "organizations are run. The report pointed in particular "
                            "to budget, procurement and financial procedures that lead "
                            "each organization to fund its technology in isolation. "
                            "Other common barriers include performance objectives that "
                            "reward an organization’s own results but not its "
                            "contribution to shared ones, and governance arrangements "
                            "in which nobody is responsible for system-wide outcomes. "
                            "Only senior managers can change these, and doing so sends "
                            "a stronger signal than any statement of support. It is "
                            "also worth asking governing bodies to recognize "
                            "contributions to system-wide initiatives when they review "
                            "the organization’s performance.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "Building your own understanding",
                            "body": (
                                "<p>The report proposed core ICT training for senior "
                                "managers across the system, to be developed with the "
                                "United Nations System Staff College, so that leaders "
                                "could better judge what technology can and cannot do "
                                "for specific problems. You do not need technical "
                                "expertise, but you do need enough understanding to "
                                "ask good questions, to challenge both over-optimistic "
                                "proposals and reflexive objections, and to explain "
                                "choices to staff and governing bodies.</p>"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Shared services that almost failed",
                            "organization": (
                                "Three organizations sharing a regional hub"
                            ),
                            "body": (
                                "<p>Three organizations agreed to merge their ICT "
                                "support teams at a regional hub into a single shared "
                                "service. The business case was strong, and the three "
                                "heads of organization signed it with enthusiasm. Six "
                                "months later the project was close to collapse: "
                                "support staff were unsure of their future, users "
                                "complained of slower service, and one organization "
                                "had quietly hired its own local technician again.</p>"
                                "<p>A new project lead, appointed jointly by the three "
                                "heads, changed the approach. Staff received clear and "
                                "honest information about posts and selection. A joint "
                                "user group, including field representatives, set "
                                "service priorities and met the team every month. The "
                                "three heads agreed to review performance together "
                                "each quarter and to settle disputes at their own "
                                "level rather than through their separate "
                                "administrations. Within a year, service levels were "
                                "better than before the merger.</p>"
                            ),
                            "lesson": (
                                "Shared services depend on continuing joint leadership "
                                "and honest communication with staff, not only on a "
                                "signed business case."
                            ),
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "The system has to change its collective way of "
                                "thinking as well as its technology: becoming a "
                                "knowledge organization depends on training and on "
                                "organizational measures as much as on tools."
                            ),
                            "attribution": (
                                "Paraphrasing the Secretary-General’s high-level panel "
                                "of experts on ICT (2000), as cited in the 2003 report"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Keeping the issue on the agenda", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The report foresaw that a wider strategy for the whole "
                            "system, with an action plan, would be drawn up through "
                            "consultation among the members of the Chief Executives "
                            "Board, with the ICT Task Force helping to keep the "
                            "urgency of the task before the system’s leaders and "
                            "Member States and to bring in outside partners, including "
                            "the private sector. Inside your own organization, you "
                            "play the equivalent role. Change loses momentum when "
                            "leaders stop asking about it.</p>"
                            "<p>A simple discipline helps: put ICT cooperation on the "
                            "senior management agenda at least twice a year, with a "
                            "short report on progress against the action plan, on "
                            "shared initiatives with other organizations, and on the "
                            "obstacles that need a decision at your level.</p>"
                        ),
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Which barrier to ICT cooperation in your organization "
                                "could be removed only by a decision at your level, "
                                "and what would it take to make that decision this "
                                "year?"
                            ),
                            "guidance": (
                                "Look at budget rules, procurement delegations, "
                                "performance objectives and governance arrangements. "
                                "Choose one barrier, identify who else must agree, and "
                                "consider what evidence or pilot would make the case. "
                                "A single, visible change of this kind often does more "
                                "for cooperation than a new policy statement."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Successful ICT change needs visible commitment, a "
                                "clear priority and real resources.</li>"
                                "<li>Expect a temporary dip in performance, and "
                                "support people through it.</li>"
                                "<li>Remove structural barriers such as isolated "
                                "budgets and misaligned incentives.</li>"
                                "<li>Invest in your own understanding of what "
                                "technology can and cannot do, and keep the subject on "
                                "the management agenda.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "information-sharing-across-the-un-system",
        "title": "Information sharing and knowledge management across the UN system",
        "summary": (
            "A short course on making knowledge easier to find, share and reuse across "
            "organizational boundaries, and on what managers can do to make sharing a "
            "habit."
        ),
        "intro": (
            "<p>The organizations of the UN system know a great deal, but much of that "
            "knowledge stays inside the unit or organization that produced it. Since "
            "the early 2000s the system has tried to change this through shared "
            "platforms, communities of practice and collections of good practice.</p>"
            "<p>This short course looks at why knowledge sharing matters, which tools "
            "support it and, above all, what managers can do to make sharing and reuse "
            "part of everyday work. The modules can be taken in any order.</p>"
        ),
        "learning_outcomes": [
            (
                "Explain the difference between managing information and sharing "
                "knowledge, and why both matter to the UN system."
            ),
            (
                "Assess how well your organization uses shared platforms and "
                "communities of practice with other UN organizations."
            ),
            (
                "Identify incentives and practices that make sharing and reuse part of "
                "normal work."
            ),
            (
                "Choose one concrete change to improve knowledge sharing in your own "
                "area of responsibility."
            ),
        ],
        "audience": (
            "Managers and team leaders in UN system organizations, including knowledge "
            "management and ICT focal points."
        ),
        "estimated_hours": 1.5,
        "topics": [
            "Knowledge management",
            "Information sharing",
            "ICT strategy",
            "Governance",
        ],
        "steps_in_order": False,
        "modules": [
            {
                "slug": "becoming-a-knowledge-organization",
                "title": "Becoming a knowledge organization",
                "summary": (
                    "Why the UN system set out to treat its knowledge as a shared "
                    "asset, and the difference between managing information and "
                    "sharing knowledge."
                ),
                "estimated_minutes": 20,
                "body": [
                    ("heading", {"text": "Knowledge as a shared asset", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>The UN system holds a remarkable store of knowledge: "
                            "decades of field experience, technical expertise in "
                            "dozens of sectors, data on almost every country, and the "
                            "judgement of staff who have worked through crises and "
                            "reforms. Much of it, however, is hard to find outside the "
                            "unit that produced it, and harder still outside the "
                            "organization.</p>"
                            "<p>As early as 2000, a high-level panel of experts "
                            "convened by the Secretary-General urged an early "
                            "programme to turn the United Nations into a knowledge "
                            "organization, combining training with organizational "
                            "measures. In resolution 57/295 the General Assembly later "
                            "asked the system to strengthen its ability to create, "
                            "share and spread knowledge, and to make greater use of "
                            "networks, communities of practice and common "
                            "platforms.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "info",
                            "title": "What the General Assembly asked for",
                            "body": (
                                "<p>Resolution 57/295 identified six areas of work for "
                                "the system:</p><ul>"
                                "<li>applications that help create, share and "
                                "disseminate knowledge;</li>"
                                "<li>building ICT into the system’s development and "
                                "technical cooperation work;</li>"
                                "<li>networks for collaboration and communities of "
                                "practice;</li>"
                                "<li>common platforms for databases, documentation and "
                                "meetings;</li>"
                                "<li>exchange of experience and information;</li>"
                                "<li>training programmes.</li></ul>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Information and knowledge", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>It helps to separate information – documents, data, "
                            "reports – from knowledge, which includes the experience "
                            "and judgement needed to use information well. Information "
                            "can be stored, indexed and searched. Knowledge is carried "
                            "largely by people and travels through conversation, "
                            "collaboration and mentoring. A knowledge strategy needs "
                            "both: sound systems for information, and regular "
                            "opportunities for people to learn from one another across "
                            "organizational lines.</p>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "The most valuable knowledge in an organization is "
                                "often a lesson one team learned the hard way and "
                                "another team is about to learn again."
                            ),
                            "attribution": (
                                "A recurring theme in UN system discussions of good "
                                "practice"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": (
                                "Capturing an adviser’s knowledge before retirement"
                            ),
                            "organization": "A regional office of a technical agency",
                            "body": (
                                "<p>When a senior adviser with twenty years of "
                                "experience in the region announced her retirement, "
                                "the office realized that much of what it knew about "
                                "its partners, past programmes and local working "
                                "arrangements existed only in her head. With six "
                                "months’ notice, it paired her with two colleagues, "
                                "recorded short interviews on key topics and asked her "
                                "to annotate the most important files. The result was "
                                "a small, well-organized collection that two other UN "
                                "organizations in the region later asked to use.</p>"
                            ),
                            "lesson": (
                                "Knowledge transfer works best when it is planned "
                                "early and combines documentation with working side by "
                                "side."
                            ),
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Where in your organization is important knowledge "
                                "held by only one or two people, and what would happen "
                                "if they left tomorrow?"
                            ),
                            "guidance": (
                                "Think about field operations, long-standing "
                                "partnerships and complex administrative processes. "
                                "For each case, consider whether the knowledge could "
                                "be written down, whether it is better passed on "
                                "through working alongside others, and whether "
                                "colleagues in other UN organizations face the same "
                                "risk and might share the effort."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>The system’s knowledge is one of its greatest "
                                "assets, but much of it is hard to find.</li>"
                                "<li>Managing information and sharing knowledge are "
                                "related but different tasks, and both need "
                                "attention.</li>"
                                "<li>Becoming a knowledge organization requires "
                                "training and organizational measures, not only "
                                "tools.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "platforms-for-sharing",
                "title": (
                    "Platforms for sharing: extranets, search and communities of "
                    "practice"
                ),
                "summary": (
                    "How shared platforms make knowledge visible across organizations, "
                    "and why a platform without owners and content soon falls into "
                    "disuse."
                ),
                "estimated_minutes": 20,
                "body": [
                    (
                        "heading",
                        {"text": "Tools that make knowledge visible", "level": "h2"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The first system-wide tools for sharing were modest, "
                            "but they addressed a real problem: most of what "
                            "organizations knew sat behind their own intranets, "
                            "invisible to colleagues elsewhere in the system. The 2003 "
                            "report describes three of them:</p><ul>"
                            "<li><b>A system-wide extranet</b>, giving staff of "
                            "participating organizations access to material previously "
                            "restricted to each organization’s internal network. By "
                            "2003 some 55 entities were connected.</li>"
                            "<li><b>A common search facility</b> across the public "
                            "websites of the system, which also encouraged more "
                            "consistent content management.</li>"
                            "<li><b>A collaboration tool</b>, first for the ICT "
                            "network and then for other inter-agency communities of "
                            "practice.</li></ul>"
                            "<p>Today the technology would be different, but the "
                            "principle is the same: people cannot reuse what they "
                            "cannot find, and they will not share through a channel "
                            "they do not trust.</p>"
                        ),
                    ),
                    (
                        "case_study",
                        {
                            "title": "A community of practice for emergency logistics",
                            "organization": (
                                "An inter-agency network of field logistics and ICT "
                                "officers"
                            ),
                            "body": (
                                "<p>Logistics and ICT officers from several "
                                "organizations kept meeting at the start of each new "
                                "emergency and solving the same problems: customs "
                                "clearance for equipment, radio licensing, shared "
                                "warehousing. A small group set up an online community "
                                "with a shared library of templates and a discussion "
                                "space, and agreed that two members at a time would "
                                "act as moderators.</p>"
                                "<p>Use was slow until the moderators began to publish "
                                "a short summary after each deployment, setting out "
                                "what had worked and what had not. Within a year, new "
                                "arrivals in an emergency were routinely directed to "
                                "the community before their first coordination "
                                "meeting.</p>"
                            ),
                            "lesson": (
                                "Communities of practice thrive when someone is "
                                "responsible for turning discussion into usable, "
                                "current content."
                            ),
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Opening internal information to colleagues in other "
                                "organizations turns many separate stores of knowledge "
                                "into a resource for the whole system."
                            ),
                            "attribution": (
                                "Paraphrasing the 2003 report’s description of the "
                                "system-wide extranet"
                            ),
                        },
                    ),
                    (
                        "heading",
                        {"text": "Before you join or launch a platform", "level": "h3"},
                    ),
                    (
                        "paragraph",
                        (
                            "<p>A few questions help decide whether a shared platform "
                            "will be used:</p><ul>"
                            "<li>Does it serve a clear community with a shared "
                            "purpose, or is it a general space that nobody feels is "
                            "theirs?</li>"
                            "<li>Can staff in field locations reach it with the "
                            "connectivity they actually have?</li>"
                            "<li>Does it follow the system’s standards for access and "
                            "security, so that partners can trust it with their "
                            "information?</li></ul>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "A platform is not a strategy",
                            "body": (
                                "<p>Shared platforms decay quickly when nobody owns "
                                "the content. Before launching or joining one, agree "
                                "who will curate it, how out-of-date material will be "
                                "removed and how staff will be expected to use it.</p>"
                            ),
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "Which shared platforms does your organization use "
                                "with other UN organizations, and who in your "
                                "organization is responsible for keeping your "
                                "contribution to them current?"
                            ),
                            "guidance": (
                                "If the answer is unclear, the platform is probably "
                                "being used less than it could be. Consider naming an "
                                "owner for each significant platform and asking for a "
                                "short annual note on how it is used."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Shared platforms open up knowledge that would "
                                "otherwise stay inside single organizations.</li>"
                                "<li>Content ownership and curation matter more than "
                                "the choice of technology.</li>"
                                "<li>Communities of practice need active moderation to "
                                "remain useful.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "making-sharing-a-habit",
                "title": "Making sharing a habit",
                "summary": (
                    "What managers can do to reward information sharing, capture good "
                    "practice and make reuse the normal way of working."
                ),
                "estimated_minutes": 20,
                "body": [
                    (
                        "heading",
                        {
                            "text": "Incentives, ownership and good practice",
                            "level": "h2",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Tools make sharing possible; they do not make it "
                            "happen. In most organizations staff are rewarded for "
                            "delivering their own results, not for helping colleagues "
                            "elsewhere deliver theirs. Sharing takes time, and its "
                            "benefits usually go to someone else. Unless managers "
                            "deliberately change that balance, even the best platform "
                            "will remain half empty.</p>"
                            "<p>The 2003 report described a compendium of good ICT "
                            "practice intended to give senior managers concise, "
                            "current analyses of what had been learned across "
                            "organizations, together with an inventory of application "
                            "software to show what already existed. Both rest on the "
                            "same idea: decision-makers should be able to see, "
                            "quickly, what others have tried.</p>"
                        ),
                    ),
                    ("heading", {"text": "What managers can do", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Practical measures that make sharing part of normal "
                            "work include:</p><ul>"
                            "<li>asking, in every project review, what the team reused "
                            "from elsewhere and what it has made available to "
                            "others;</li>"
                            "<li>including contributions to shared knowledge in "
                            "performance objectives for relevant staff;</li>"
                            "<li>setting aside a small amount of time and budget for "
                            "documenting lessons at the end of projects;</li>"
                            "<li>publishing short, plain summaries of good practice "
                            "rather than long reports that few will read;</li>"
                            "<li>acknowledging, publicly, teams whose shared work has "
                            "helped others.</li></ul>"
                        ),
                    ),
                    (
                        "heading",
                        {
                            "text": "Managing content, not only producing it",
                            "level": "h3",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>The 2003 report noted that building a common search "
                            "facility across the system’s websites also pushed "
                            "organizations towards more consistent processes for "
                            "managing content. The point applies well beyond websites. "
                            "Shared knowledge is useful only if it is described "
                            "consistently, kept up to date and removed when it is "
                            "obsolete. Managers should expect every significant "
                            "collection of documents or data to have an owner, basic "
                            "descriptive information that makes it findable, and a "
                            "rule for how long material is kept.</p>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": (
                                "Decision-makers benefit most from short, up-to-date "
                                "accounts of what has worked elsewhere, and of what "
                                "has not."
                            ),
                            "attribution": (
                                "Paraphrasing the purpose of the good practice "
                                "compendium described in the 2003 report"
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Lessons that were actually read",
                            "organization": (
                                "A headquarters-based technical cooperation "
                                "organization"
                            ),
                            "body": (
                                "<p>The organization’s end-of-project reports ran to "
                                "dozens of pages and were rarely opened. It replaced "
                                "them with a two-page lessons note in a fixed format, "
                                "shared with partner organizations through a common "
                                "platform, and asked every new project team to cite at "
                                "least two relevant notes in its proposal. Within two "
                                "years the notes had become one of the most used "
                                "resources on the platform.</p>"
                            ),
                            "lesson": (
                                "Short, structured and required reading is more "
                                "effective than long, optional reporting."
                            ),
                        },
                    ),
                    (
                        "reflection",
                        {
                            "question": (
                                "What does your organization currently reward: "
                                "producing knowledge, or sharing and reusing it?"
                            ),
                            "guidance": (
                                "Look at performance objectives, project approval "
                                "criteria and the way successes are celebrated. "
                                "Identify one change you could make within your own "
                                "area of responsibility in the next six months."
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "takeaway",
                            "title": "Key takeaways",
                            "body": (
                                "<ul>"
                                "<li>Sharing happens when incentives, time and "
                                "recognition support it.</li>"
                                "<li>Short, current summaries of good practice are "
                                "more useful than long reports.</li>"
                                "<li>Making reuse a condition of approval turns "
                                "sharing into a habit.</li></ul>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]

CHECKLIST_TEXT = """\
ICT STRATEGY CHECKLIST FOR SENIOR MANAGERS
A self-assessment for management teams. Tick each statement that is true today.

GOVERNANCE AND STRATEGY
[ ] ICT appears in our strategic plan as a means to specific results.
[ ] Our chief information officer, or equivalent, takes part in strategic decisions.

COORDINATION AND INFORMATION SHARING
[ ] We check what other UN organizations use before we build or buy a system.
[ ] A senior focal point can commit us to inter-agency ICT initiatives.

STANDARDS AND INTEROPERABILITY
[ ] We keep a current inventory of our applications, owners and running costs.
[ ] We follow agreed minimum standards for data, documents, identity and security.

PROCUREMENT
[ ] We use system-wide framework agreements for standard ICT goods and services.
[ ] We accept other UN organizations' procurement processes where safeguards allow.

PLANS AND PROJECTS
[ ] Every major proposal includes a realistic, fully costed ICT component.
[ ] Our ICT unit reviews proposals before approval, not after.
[ ] Our ICT action plan has milestones, measures, resources and named owners.

LEADERSHIP AND CHANGE
[ ] Change management and training are funded in every major ICT initiative.
[ ] Senior managers have had training on the potential and limits of ICT.
[ ] Senior management reviews ICT cooperation at least twice a year.

NEXT STEPS: choose two or three unticked items, agree an owner for each and a date.
"""
