"""Demo quiz content: one "check your understanding" quiz per module of the course
"ICT strategy for senior managers", plus a small bank of reusable questions.

Plain data, loaded by `learning.demo.seeding`. QUIZZES is keyed by module slug.
Questions test what the modules teach, in our own words; BANK questions carry topics
that the quizzes' random draws refer to. Money answers are asked for in thousands of
US dollars so that learners never need a thousands separator.
"""

QUIZZES = {
    "ict-as-a-strategic-tool": {
        "title": "Check your understanding: ICT as a strategic tool",
        "intro": (
            "<p>Seven questions on why ICT belongs on the senior management agenda, "
            "the two streams of ICT work and the questions to ask before an "
            "investment. You may try as often as you like; answers and feedback are "
            "shown after each attempt.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": None,
        "time_limit_minutes": None,
        "review_policy": "after_each_attempt",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Strategic tool: where a system replacement should start",
                "type": "single_choice",
                "prompt": (
                    "<p>Your finance director proposes replacing the organization’s "
                    "ageing grants management system, which its supplier will soon "
                    "stop supporting. Following the module, what should the first "
                    "conversation about the replacement be about?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Start from the decisions and results the organization must "
                    "deliver, not from the tool to be replaced. In the module’s case, "
                    "a system delivered on time and within budget went unused because "
                    "it could not report against the results framework."
                ),
                "choices": [
                    (
                        "The decisions programme and senior managers must take, and "
                        "the information those decisions require",
                        True,
                        "Right: this ties the replacement to the mandate and to what "
                        "managers and Member States will ask for.",
                    ),
                    (
                        "Which modern product offers the most features for the "
                        "available budget",
                        False,
                        "A feature-rich product can still fail to give managers the "
                        "information they need.",
                    ),
                    (
                        "How quickly the technical unit can deliver the replacement "
                        "within budget",
                        False,
                        "In the module’s case the project was on time and within "
                        "budget, and was still abandoned by its users.",
                    ),
                    (
                        "How to reproduce every function of the old system so that "
                        "staff need no retraining",
                        False,
                        "Copying the old system keeps its limits; the question is "
                        "what information is needed now.",
                    ),
                ],
            },
            {
                "title": "Strategic tool: the management stream of ICT work",
                "type": "multiple_response",
                "prompt": (
                    "<p>The 2003 consultations distinguished ICT that strengthens what "
                    "the system does for Member States from ICT that helps run the "
                    "organizations themselves.</p><p>Which of the following belong to "
                    "the second stream, <b>running the organization</b>? Select all "
                    "that apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "The management stream covers finance, human resources, "
                    "procurement, knowledge management and reporting. Capacity "
                    "building and connecting communities belong to the programme "
                    "delivery stream; a sound strategy plans both together."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "Consolidating human resources and payroll records",
                        True,
                        "Human resources is part of running the organization.",
                    ),
                    (
                        "Producing financial reports for the governing body",
                        True,
                        "Finance and reporting belong to the management stream.",
                    ),
                    (
                        "An internal knowledge management platform for staff",
                        True,
                        "The module lists knowledge management in this stream.",
                    ),
                    (
                        "Helping a ministry build its capacity to deliver services "
                        "online",
                        False,
                        "Capacity building for Member States is programme delivery.",
                    ),
                    (
                        "Connecting remote communities to a telemedicine programme",
                        False,
                        "Connecting communities in the field is programme delivery.",
                    ),
                ],
            },
            {
                "title": "Strategic tool: planning the two streams separately",
                "type": "true_false",
                "prompt": (
                    "<p>Because ICT for programme delivery and ICT for managing the "
                    "organization call for different skills and budgets, the module "
                    "recommends planning them separately so that each can move at its "
                    "own pace.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. The streams differ, but they should not be planned in "
                    "isolation: field programmes rely on the same identity, security "
                    "and connectivity services as management systems, and management "
                    "systems must report by programme and country."
                ),
                "answer": False,
            },
            {
                "title": "Strategic tool: naming the capacity question",
                "type": "short_text",
                "prompt": (
                    "<p>Before approving a new case management system for field "
                    "offices, you ask: can we realistically run, support and pay for "
                    "it over its whole life, including in our field locations?</p>"
                    "<p>Which of the module’s five questions for senior managers are "
                    "you asking? Answer with its one-word name.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "This is the capacity question. The five are purpose, scope, "
                    "capacity, connection and limits."
                ),
                "accepted_answers": ["capacity"],
            },
            {
                "title": "Strategic tool: a dashboard that will not fix late reports",
                "type": "single_choice",
                "prompt": (
                    "<p>A regional director asks for a new dashboard to fix late "
                    "reporting from country offices. On closer inspection, reports "
                    "are late because three headquarters units ask country offices "
                    "for the same figures in different formats.</p><p>Which question "
                    "from the module would have exposed this before any money was "
                    "spent?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "The limits question asks what technology will not solve. Here "
                    "the problem is a process one, and a dashboard would leave it "
                    "in place."
                ),
                "choices": [
                    (
                        "What will the technology not solve, and which parts of the "
                        "problem are really about processes, incentives or skills?",
                        True,
                        "Right: duplicate requests are a process problem that a "
                        "dashboard would not remove.",
                    ),
                    (
                        "Does something similar already exist elsewhere in the system?",
                        False,
                        "Reusing a dashboard would still leave the duplicate "
                        "requests in place.",
                    ),
                    (
                        "Can we run, support and pay for it over its whole life?",
                        False,
                        "Affordability matters, but it would not reveal that the "
                        "cause lies in the process.",
                    ),
                    (
                        "Does it support programme delivery, internal management or "
                        "both?",
                        False,
                        "Scope would not reveal that the cause lies in the process.",
                    ),
                ],
            },
            {
                "title": "Strategic tool: investments without a goal",
                "type": "numeric",
                "prompt": (
                    "<p>Your management team maps its 20 largest ICT investments "
                    "against the strategic plan. 15 of them can be traced to a "
                    "specific goal; the others are justified only as general support "
                    "costs.</p><p>What percentage of the 20 investments cannot be "
                    "traced to a goal? Enter a number only, without the % sign.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "5 of 20 investments, or 25 per cent, cannot be traced to a goal. "
                    "A strategy map expects every ICT capability to trace back to a "
                    "goal, so these five deserve a closer look."
                ),
                "answer": "25",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Strategic tool: expecting too much of technology",
                "type": "true_false",
                "prompt": (
                    "<p>The module treats expecting too much of technology as a "
                    "smaller risk than ignoring it, because ambitious projects at "
                    "least move the organization forward.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. The module says expecting too much of technology is as "
                    "costly as ignoring it, which is why senior managers need to "
                    "understand both its potential and its limitations."
                ),
                "answer": False,
            },
        ],
    },
    "system-wide-coordination-and-information-sharing": {
        "title": "Check your understanding: System-wide coordination",
        "intro": (
            "<p>Eight questions on the hidden costs of working alone, the three "
            "levels at which coordination happens and the practical steps that "
            "make sharing with other organizations more likely.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 3,
        "time_limit_minutes": None,
        "review_policy": "after_each_attempt",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Coordination: the missing level",
                "type": "single_choice",
                "prompt": (
                    "<p>ICT managers from four organizations have designed and "
                    "successfully tested a shared document platform. A year later "
                    "none of the four heads of organization has discussed it, "
                    "allocated funds to it or asked for the administrative obstacles "
                    "to be cleared, so each organization keeps renewing its own "
                    "system.</p><p>Which of the three levels of coordination is "
                    "missing?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Senior management sets priorities, provides resources and "
                    "removes administrative obstacles that technical staff cannot "
                    "remove alone. Coordination stalls when any one of the three "
                    "levels is missing."
                ),
                "choices": [
                    (
                        "Senior management",
                        True,
                        "Right: nobody has made it a priority, funded it or cleared "
                        "the obstacles.",
                    ),
                    (
                        "ICT managers",
                        False,
                        "The ICT managers have done their part: the design and the "
                        "tests.",
                    ),
                    (
                        "Member States, through governing bodies",
                        False,
                        "Governing bodies matter, but the gap described here is at "
                        "the level of the heads of organization.",
                    ),
                ],
            },
            {
                "title": "Coordination: hidden costs of working alone",
                "type": "multiple_response",
                "prompt": (
                    "<p>Which of the following are costs of working alone that, "
                    "according to the module, rarely show up in any single budget? "
                    "Select all that apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "Working alone costs duplicated development, repeated data entry, "
                    "country teams that cannot see each other’s information and "
                    "unused bargaining power with suppliers. None of these appears as "
                    "a line in one organization’s budget."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "Duplicated development of systems that solve the same problem",
                        True,
                        "",
                    ),
                    (
                        "Staff re-entering data that already exists elsewhere",
                        True,
                        "",
                    ),
                    (
                        "Bargaining power with suppliers that is never used",
                        True,
                        "",
                    ),
                    (
                        "The contributions Member States pay into each "
                        "organization’s budget",
                        False,
                        "Contributions are funding, not a cost of working alone.",
                    ),
                    (
                        "The cost of the system-wide extranet that connects UN "
                        "entities",
                        False,
                        "This is a cost of working together, and a visible one.",
                    ),
                ],
            },
            {
                "title": "Coordination: one ICT policy for the whole system",
                "type": "true_false",
                "prompt": (
                    "<p>The organizations consulted in 2003 concluded that a single "
                    "ICT policy binding every organization of the UN system was the "
                    "necessary first step towards coherence.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. Given their different mandates and operating "
                    "environments, they judged a single policy unlikely to be "
                    "possible or practical. What they sought was a shared strategy: "
                    "a common direction, information sharing and closer "
                    "coordination."
                ),
                "answer": False,
            },
            {
                "title": "Coordination: what made early initiatives worthwhile",
                "type": "true_false",
                "prompt": (
                    "<p>According to the module, early system-wide initiatives such "
                    "as the extranet and the common search facility mattered mainly "
                    "because they used advanced technology.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. None of these tools would be remarkable today. What "
                    "matters is the pattern: modest shared tools that make existing "
                    "knowledge visible and build the habit of cooperation."
                ),
                "answer": False,
            },
            {
                "title": "Coordination: naming the shared services model",
                "type": "short_text",
                "prompt": (
                    "<p>Five agencies at a regional hub each keep their own mandate "
                    "and governing body, but all use one helpdesk and one "
                    "connectivity contract, run for them by one of the five.</p>"
                    "<p>What two-word term does the module use for this way of "
                    "drawing on a common platform where it adds value?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "These are shared services: each organization keeps its own "
                    "mandate but uses a common platform where that adds value."
                ),
                "accepted_answers": [
                    "shared services",
                    "shared service",
                    "shared-services",
                    "shared-service",
                ],
            },
            {
                "title": "Coordination: savings from shared connectivity",
                "type": "numeric",
                "prompt": (
                    "<p>Seven organizations opening offices in the same city are each "
                    "about to sign a connectivity contract costing USD 90,000 a year. "
                    "Instead they agree on one better-quality shared service costing "
                    "USD 210,000 a year in total, split equally between them.</p>"
                    "<p>How much does each organization save per year, in "
                    "<b>thousands</b> of US dollars? Enter a number only (for "
                    "example, 15 for USD 15,000).</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Each share is 210 ÷ 7 = 30 thousand dollars, against 90 "
                    "thousand alone, a saving of 60 thousand dollars a year for each "
                    "organization."
                ),
                "answer": "60",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Coordination: where the time goes in a shared service",
                "type": "single_choice",
                "prompt": (
                    "<p>A country team sets up a shared connectivity service. The "
                    "technical design takes two weeks; the cost-sharing agreement "
                    "takes four months while each organization’s finance and legal "
                    "rules are reconciled.</p><p>What is the most useful conclusion "
                    "for a senior manager?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Technical cooperation is usually the easy part. Aligning "
                    "administrative rules is harder, and it needs senior managers to "
                    "act."
                ),
                "choices": [
                    (
                        "Aligning administrative rules is the harder part, and it "
                        "needs action from senior managers",
                        True,
                        "Right: only managers can change or reconcile those rules.",
                    ),
                    (
                        "The technical design was rushed and should have taken longer",
                        False,
                        "The delay came from the administrative agreement, not the "
                        "design.",
                    ),
                    (
                        "Shared services take too long to be worth setting up in "
                        "post-crisis settings",
                        False,
                        "The shared service paid off and later supported a common "
                        "directory and document space.",
                    ),
                    (
                        "ICT focal points should settle such agreements without "
                        "involving heads of agency",
                        False,
                        "Finance and legal rules are beyond the authority of ICT "
                        "focal points.",
                    ),
                ],
            },
            {
                "title": "Coordination: before approving a major system",
                "type": "multiple_response",
                "prompt": (
                    "<p>Your ICT unit asks you to approve a new travel management "
                    "system costing USD 2 million. Which of these requests are in "
                    "line with the module’s practical steps? Select all that "
                    "apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "Before a major investment, ask for evidence that the team has "
                    "checked what other organizations use and what they learned, and "
                    "keep your systems and agreements visible to partners so they "
                    "can spot chances to work with you."
                ),
                "choices": [
                    (
                        "Evidence that the team has checked what other UN "
                        "organizations use, and what they learned",
                        True,
                        "",
                    ),
                    (
                        "Adding the new system and its contracts to a list that "
                        "partner organizations can see",
                        True,
                        "",
                    ),
                    (
                        "Building the system in-house so that it fits the "
                        "organization’s own rules exactly",
                        False,
                        "This skips the check for something that already exists.",
                    ),
                    (
                        "Waiting until the system is live before contacting other "
                        "organizations, to avoid delays",
                        False,
                        "By then the chance to share, reuse or buy together has "
                        "passed.",
                    ),
                ],
            },
        ],
    },
    "minimum-standards-and-interoperability": {
        "title": "Check your understanding: Minimum standards",
        "intro": (
            "<p>Questions on interoperability, what minimum standards should and "
            "should not cover, knowing your own systems and governing standards "
            "over time. One question is drawn at random from the question bank for "
            "each attempt.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 3,
        "time_limit_minutes": None,
        "review_policy": "after_each_attempt",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Standards: defining interoperability",
                "type": "short_text",
                "prompt": (
                    "<p>What single word does the module use for the ability of "
                    "different systems, and of the organizations behind them, to "
                    "exchange information and put it to use without special "
                    "effort?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Interoperability. Managers feel its absence in manual "
                    "reconciliation, data that cannot be shared and records that "
                    "must be rebuilt."
                ),
                "accepted_answers": [
                    "interoperability",
                    "inter-operability",
                    "inter operability",
                ],
            },
            {
                "title": "Standards: what minimum means in a joint programme",
                "type": "single_choice",
                "prompt": (
                    "<p>Three organizations in a joint programme need to exchange "
                    "beneficiary data every month. Which proposal best reflects the "
                    "module’s idea of <i>minimum</i> standards?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Minimum standards agree only what must be common for "
                    "information to move, such as definitions, codes and formats, "
                    "and leave the rest to each organization."
                ),
                "choices": [
                    (
                        "Agree shared definitions, codes and an exchange format for "
                        "the data that must move, and let each organization keep "
                        "its own system",
                        True,
                        "Right: the smallest set of common rules that makes the "
                        "exchange possible.",
                    ),
                    (
                        "Require all three organizations to adopt the same case "
                        "management product",
                        False,
                        "Standardization is not uniformity; this prescribes far more "
                        "than the exchange needs.",
                    ),
                    (
                        "Let each organization send data in its own layout and "
                        "reconcile it by hand each month",
                        False,
                        "With no common rules, the manual reconciliation continues.",
                    ),
                    (
                        "Write a comprehensive standard covering every system each "
                        "organization uses",
                        False,
                        "Standards that prescribe too much quickly lose support.",
                    ),
                ],
            },
            {
                "title": "Standards: typical subjects of minimum standards",
                "type": "multiple_response",
                "prompt": (
                    "<p>Which of the following are typical subjects of minimum "
                    "standards, as described in the module? Select all that "
                    "apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "Minimum standards typically cover connectivity, identity and "
                    "access, data and reference codes, document and data formats, "
                    "metadata and a security baseline. They do not prescribe "
                    "products or internal management arrangements."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "Shared codes for countries, currencies and organizational "
                        "units",
                        True,
                        "",
                    ),
                    (
                        "A common baseline for protecting information",
                        True,
                        "",
                    ),
                    (
                        "A way for staff of one organization to be recognized "
                        "securely by another organization’s systems",
                        True,
                        "",
                    ),
                    (
                        "The brand of laptop that every office must buy",
                        False,
                        "Products are left to each organization’s judgement.",
                    ),
                    (
                        "Each organization’s internal approval hierarchy",
                        False,
                        "This is not needed for information to move between systems.",
                    ),
                ],
            },
            {
                "title": "Standards: the cost of unused licences",
                "type": "numeric",
                "prompt": (
                    "<p>A new application inventory shows that your organization pays "
                    "for 400 licences of a software product at USD 150 per licence "
                    "per year. A quarter of them have not been used for more than a "
                    "year.</p><p>How much does the organization pay each year for "
                    "the unused licences, in <b>thousands</b> of US dollars? Enter a "
                    "number only.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "100 unused licences at USD 150 cost USD 15,000 a year. Finding "
                    "licences that are paid for but not used is one of the first "
                    "benefits of a current inventory."
                ),
                "answer": "15",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Standards: how five grant tools were consolidated",
                "type": "true_false",
                "prompt": (
                    "<p>In the module’s case of five tools tracking the same kind of "
                    "grants, the programme consolidated them by first ordering all "
                    "regional offices to move to a single tool.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. The programme agreed a common data standard and let "
                    "offices keep their tools for a transition period; three tools "
                    "were retired within two years because offices chose a "
                    "compliant one."
                ),
                "answer": False,
            },
            {
                "title": "Standards: handling an exception",
                "type": "single_choice",
                "prompt": (
                    "<p>A regional office asks to depart from the organization’s "
                    "document format standard, because its main government partner "
                    "uses a different format. What does the module recommend?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "There will always be good reasons for some departures. They "
                    "should be decided openly, recorded and revisited, not granted "
                    "informally."
                ),
                "choices": [
                    (
                        "Decide the exception openly, record it and revisit it later",
                        True,
                        "Right: exceptions are legitimate when handled in the open.",
                    ),
                    (
                        "Refuse, because standards lose their value once any "
                        "exception is granted",
                        False,
                        "The module accepts that some departures are justified.",
                    ),
                    (
                        "Let the regional director agree it informally to avoid "
                        "bureaucracy",
                        False,
                        "Informal exceptions are exactly what the module warns "
                        "against.",
                    ),
                    (
                        "Withdraw the standard, since it evidently does not fit "
                        "every case",
                        False,
                        "One justified exception is no reason to drop a standard.",
                    ),
                ],
            },
            {
                "title": "Standards: adopting a standard agreed elsewhere",
                "type": "true_false",
                "prompt": (
                    "<p>Where a standard has already been agreed among UN "
                    "organizations, the module advises adopting it even if a locally "
                    "designed variant looks slightly better on paper.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "True. Adopting a standard already agreed in the system, or "
                    "widely used by Member States and partners, is usually cheaper "
                    "and more useful than inventing a local variant."
                ),
                "answer": True,
            },
        ],
        "draws": [("Interoperability", 1)],
    },
    "joint-procurement-and-framework-agreements": {
        "title": "Check your understanding: Joint procurement",
        "intro": (
            "<p>Questions on framework agreements, the conditions for successful "
            "joint procurement and the decisions that only senior managers can "
            "take. One question is drawn at random from the question bank for each "
            "attempt.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 3,
        "time_limit_minutes": None,
        "review_policy": "after_each_attempt",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Procurement: defining a framework agreement",
                "type": "short_text",
                "prompt": (
                    "<p>What two-word term does the module use for a contract, "
                    "normally awarded competitively, that fixes the prices, service "
                    "levels and conditions for orders over a period, without "
                    "committing to exact quantities in advance?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "A framework agreement. When it is opened to other organizations, "
                    "each can order without running its own full tender."
                ),
                "accepted_answers": [
                    "framework agreement",
                    "framework agreements",
                    "framework-agreement",
                ],
            },
            {
                "title": "Procurement: savings on a joint laptop purchase",
                "type": "numeric",
                "prompt": (
                    "<p>Four organizations each plan to buy 500 laptops this year. "
                    "Buying separately, each would pay USD 1,000 per laptop. Under a "
                    "joint framework agreement the price is USD 850 per laptop.</p>"
                    "<p>What is the total saving for the four organizations "
                    "together, in <b>thousands</b> of US dollars? Enter a number "
                    "only.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "2,000 laptops at a saving of USD 150 each is USD 300,000. "
                    "Combined volume lowers prices, and the organizations also avoid "
                    "running four separate tenders."
                ),
                "answer": "300",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Procurement: comparing bids on total cost",
                "type": "single_choice",
                "prompt": (
                    "<p>You are comparing two bids for laptops for field offices "
                    "over a four-year agreement:</p><ul><li>Bid A: USD 900 per "
                    "laptop. The supplier has no presence in your field locations, "
                    "so support there is estimated to cost another USD 400 per "
                    "laptop over the four years.</li><li>Bid B: USD 1,000 per "
                    "laptop, including support in field locations for the four "
                    "years.</li></ul><p>Following the module’s advice, which bid is "
                    "cheaper?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Judge agreements on total cost of ownership and on service in "
                    "the field, not on unit price. Bid A costs USD 1,300 per laptop "
                    "over its life, against USD 1,000 for Bid B."
                ),
                "choices": [
                    (
                        "Bid B, because its total cost per laptop over the agreement "
                        "is lower",
                        True,
                        "Right: USD 1,000 against USD 1,300, with support where it "
                        "is needed.",
                    ),
                    (
                        "Bid A, because its unit price is USD 100 lower",
                        False,
                        "A low unit price can hide weak support in remote locations.",
                    ),
                    (
                        "Bid A, provided headquarters absorbs the field support costs",
                        False,
                        "Moving the cost to another budget does not remove it.",
                    ),
                    (
                        "Either, since the bids cost the same over four years",
                        False,
                        "They do not: add the support costs to Bid A.",
                    ),
                ],
            },
            {
                "title": "Procurement: conditions for joint buying to work",
                "type": "multiple_response",
                "prompt": (
                    "<p>Which of the following does the module identify as "
                    "conditions under which joint procurement works best? Select all "
                    "that apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "Joint procurement works best for fairly standard goods and "
                    "services, when participants accept each other’s procurement "
                    "processes, when a lead organization manages the agreement, when "
                    "demand forecasts are realistic and when joining and leaving is "
                    "simple."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "The goods or services are fairly standard, such as laptops "
                        "or common software",
                        True,
                        "",
                    ),
                    (
                        "Participating organizations accept each other’s procurement "
                        "processes",
                        True,
                        "",
                    ),
                    (
                        "A lead organization is clearly responsible for managing the "
                        "agreement",
                        True,
                        "",
                    ),
                    (
                        "Each participant repeats the full evaluation under its own "
                        "rules",
                        False,
                        "Repeating the evaluation removes much of the benefit.",
                    ),
                    (
                        "The services are highly specialized to one organization’s "
                        "mandate",
                        False,
                        "Specialized needs are the hardest to buy together.",
                    ),
                ],
            },
            {
                "title": "Procurement: the main obstacle",
                "type": "true_false",
                "prompt": (
                    "<p>According to the module, the main obstacle to joint ICT "
                    "procurement in the UN system is that suppliers are unwilling to "
                    "offer volume discounts to international organizations.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. The main obstacles are each organization’s budget, "
                    "procurement and financial rules, which push it to fund "
                    "technology on its own. Senior managers own those rules."
                ),
                "answer": False,
            },
            {
                "title": "Procurement: preparing for an emergency",
                "type": "single_choice",
                "prompt": (
                    "<p>You are responsible for emergency preparedness. A new "
                    "operation may have to be equipped with communications "
                    "equipment, laptops and connectivity within days. What does the "
                    "module advise you to do now?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Check in advance which existing agreements your organization "
                    "can use, and on what conditions, rather than discovering the "
                    "answer in the middle of a crisis."
                ),
                "choices": [
                    (
                        "Check in advance which existing agreements your "
                        "organization can use, and on what conditions",
                        True,
                        "Right: terms negotiated by others can equip an office in "
                        "days.",
                    ),
                    (
                        "Plan to run a full tender once the emergency starts, so that "
                        "prices reflect the actual need",
                        False,
                        "A full tender takes time that an emergency does not allow.",
                    ),
                    (
                        "Leave procurement staff to find suitable agreements when the "
                        "crisis begins",
                        False,
                        "The module warns against discovering the answer mid-crisis.",
                    ),
                ],
            },
            {
                "title": "Procurement: unlocking a joint licence negotiation",
                "type": "single_choice",
                "prompt": (
                    "<p>Your organization and three others must renew licences for "
                    "the same office software within 18 months, and the ICT chiefs "
                    "propose one joint negotiation led by one organization. Your "
                    "procurement officers object that your rules require your own "
                    "competitive process and contracts committee review.</p><p>What "
                    "action would most directly unlock the joint negotiation?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Joint procurement succeeds when senior managers agree in advance "
                    "to trust each other’s procurement processes. In the module’s "
                    "case, the heads of administration did so in writing."
                ),
                "choices": [
                    (
                        "The heads of administration agree in writing to accept the "
                        "lead organization’s procurement process as meeting their "
                        "own requirements",
                        True,
                        "Right: this removes the need to repeat the process four "
                        "times.",
                    ),
                    (
                        "The ICT chiefs negotiate informally with the supplier "
                        "without involving procurement",
                        False,
                        "This sidesteps the rules instead of resolving them.",
                    ),
                    (
                        "Each organization runs its own tender and the prices are "
                        "compared afterwards",
                        False,
                        "Parallel tenders give up the combined buying power.",
                    ),
                    (
                        "Wait until the procurement rules of all four organizations "
                        "have been fully harmonized",
                        False,
                        "Mutual acceptance works now; full harmonization may never "
                        "come.",
                    ),
                ],
            },
        ],
        "draws": [("Procurement", 1)],
    },
    "ict-in-business-plans-and-projects": {
        "title": "Check your understanding: ICT in plans and projects",
        "intro": (
            "<p>Seven questions on building realistic ICT components into "
            "programmes from the start and turning strategy into an action plan. "
            "You may try as often as you like; answers and feedback become "
            "available once you have passed.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": None,
        "time_limit_minutes": None,
        "review_policy": "after_passing",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Plans: whole-life cost of a new system",
                "type": "numeric",
                "prompt": (
                    "<p>A project proposal prices a new case management system at "
                    "USD 200,000 to buy. Licences, hosting and support will add "
                    "USD 40,000 a year over a five-year life, and retiring the "
                    "system and migrating its data at the end will cost about "
                    "USD 20,000.</p><p>What is the whole-life cost, in "
                    "<b>thousands</b> of US dollars? Enter a number only.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "200 + (5 × 40) + 20 = 420 thousand dollars, more than twice the "
                    "purchase price. A realistic ICT component costs the whole life "
                    "of a system, not only its purchase."
                ),
                "answer": "420",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Plans: naming the underestimation of ICT work",
                "type": "short_text",
                "prompt": (
                    "<p>The module warns that the ICT elements of projects are "
                    "routinely underestimated in cost and time, and suggests asking "
                    "for a realistic range and an explicit contingency. What "
                    "two-word name does it give to this tendency?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Optimism bias. It is strongest where new systems must be linked "
                    "to old ones or deployed in difficult locations."
                ),
                "accepted_answers": ["optimism bias", "optimism-bias"],
            },
            {
                "title": "Plans: what a realistic ICT component covers",
                "type": "multiple_response",
                "prompt": (
                    "<p>A programme proposal includes an ICT section. Which of these "
                    "must a realistic ICT component address, according to the "
                    "module? Select all that apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "A realistic ICT component covers information needs, reuse of "
                    "existing solutions, whole-life costs, the operating "
                    "environment, people, data protection and exit. It is not a "
                    "shopping list of equipment."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "What happens to systems and data when the project ends or "
                        "is handed over",
                        True,
                        "",
                    ),
                    (
                        "How sensitive information about beneficiaries, staff and "
                        "partners will be protected",
                        True,
                        "",
                    ),
                    (
                        "Which existing tools, standards and agreements will be used "
                        "before anything new is built or bought",
                        True,
                        "",
                    ),
                    (
                        "A list of the equipment to be bought, which is enough on its "
                        "own",
                        False,
                        "The module says a realistic component is not a shopping list.",
                    ),
                    (
                        "The purchase price only, since running costs belong in the "
                        "core budget",
                        False,
                        "Unplanned running costs that land on core budgets are one "
                        "of the problems the module describes.",
                    ),
                ],
            },
            {
                "title": "Plans: a fix after the cash-transfer problems",
                "type": "single_choice",
                "prompt": (
                    "<p>A cash-transfer programme left beneficiary registration to "
                    "each field team. Within months it could not detect duplicate "
                    "registrations or share lists with a partner, and its donor "
                    "asked how personal data was protected.</p><p>Which change to "
                    "the organization’s approval process best reflects the module’s "
                    "lesson?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "A short ICT and data section in every proposal above a set "
                    "value, reviewed by the ICT unit before approval, surfaces risks "
                    "and costs while the options are still open."
                ),
                "choices": [
                    (
                        "Require a short ICT and data section in every proposal "
                        "above a set value, reviewed by the ICT unit before approval",
                        True,
                        "Right: review is built into approval, at the design stage.",
                    ),
                    (
                        "Require the ICT unit to approve equipment purchases once a "
                        "programme has been funded",
                        False,
                        "This still treats ICT as an afterthought, after the design "
                        "is fixed.",
                    ),
                    (
                        "Let field teams choose their own tools and report them once "
                        "a year",
                        False,
                        "This repeats the cause of the problem.",
                    ),
                    (
                        "Ban mobile data collection applications in cash-transfer "
                        "programmes",
                        False,
                        "The tools were not the problem; the lack of a data plan was.",
                    ),
                ],
            },
            {
                "title": "Plans: how heavy an ICT review should be",
                "type": "true_false",
                "prompt": (
                    "<p>The module recommends that the ICT review of programme "
                    "proposals be a thorough, separate approval process, so that no "
                    "risk is missed.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. The review need not be heavy: a short template completed "
                    "by the programme team and checked by the ICT function is "
                    "usually enough to surface the main risks and costs."
                ),
                "answer": False,
            },
            {
                "title": "Plans: who acts on the portfolio view",
                "type": "true_false",
                "prompt": (
                    "<p>According to the module, a periodic review of all significant "
                    "ICT initiatives as a portfolio is best left to the ICT unit, "
                    "because senior managers lack the technical detail to act on "
                    "it.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. A portfolio view shows duplication, chances to adopt "
                    "system-wide solutions and overstretched technical staff, and "
                    "senior management is the only level that can act on that "
                    "overall picture."
                ),
                "answer": False,
            },
            {
                "title": "Plans: the missing element of an action plan",
                "type": "single_choice",
                "prompt": (
                    "<p>Your ICT action plan lists each initiative with its "
                    "milestones, a baseline, progress measures and a budget. Which "
                    "element, described in the 2003 report as the most important, "
                    "is still missing?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "The report put clear responsibility and accountability for "
                    "results above everything else. A plan becomes real only when "
                    "someone, by name or post, answers for each result."
                ),
                "choices": [
                    (
                        "Named responsibility and accountability for each result",
                        True,
                        "Right: without it the plan remains an aspiration.",
                    ),
                    (
                        "A description of the technologies each initiative will use",
                        False,
                        "Technology choices are not among the plan’s five questions.",
                    ),
                    (
                        "A longer statement of the vision behind the strategy",
                        False,
                        "More vision does not make a statement of intent into a plan.",
                    ),
                    (
                        "Sign-off of each initiative by the ICT unit",
                        False,
                        "Sign-off is not the same as someone answering for the result.",
                    ),
                ],
            },
        ],
    },
    "leading-change": {
        "title": "Check your understanding: Leading change",
        "intro": (
            "<p>The final check of the course, on the leadership that ICT change "
            "needs. You have 15 minutes and two attempts; one question is drawn at "
            "random from the question bank, and answers and feedback are shown once "
            "both attempts have been used.</p>"
        ),
        "pass_mark": 70,
        "attempts_allowed": 2,
        "time_limit_minutes": 15,
        "review_policy": "after_last_attempt",
        "shuffle_questions": False,
        "shuffle_choices": True,
        "questions": [
            {
                "title": "Change: three conditions for ICT change",
                "type": "multiple_response",
                "prompt": (
                    "<p>The module offers three conditions, taken from the 2003 "
                    "report, as a test of whether an ICT change effort is likely to "
                    "succeed. Which are they? Select all that apply.</p>"
                ),
                "points": 2,
                "general_feedback": (
                    "Visible commitment from senior management, an unambiguous "
                    "message that cooperation is a priority, and real resources for "
                    "coordination, harmonization and change management. Technical "
                    "goodwill alone is not enough."
                ),
                "partial_credit": True,
                "choices": [
                    (
                        "Visible commitment from senior management",
                        True,
                        "",
                    ),
                    (
                        "An unambiguous message that cooperation is a priority",
                        True,
                        "",
                    ),
                    (
                        "Adequate resources for coordination, harmonization and "
                        "change management",
                        True,
                        "",
                    ),
                    (
                        "A single ICT policy for the whole UN system",
                        False,
                        "The system sought a shared strategy, not a single policy.",
                    ),
                    (
                        "Goodwill among ICT managers, which is sufficient on its own",
                        False,
                        "The report said coordination would not come from technical "
                        "goodwill alone.",
                    ),
                ],
            },
            {
                "title": "Change: naming the dip before the gain",
                "type": "short_text",
                "prompt": (
                    "<p>What two-word name does the module give to the model showing "
                    "that, during a change, morale and performance often fall "
                    "before they rise?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "The change curve: from shock, doubt and resistance down to a "
                    "low point, then up through exploration and acceptance to "
                    "commitment. People need support at each stage."
                ),
                "accepted_answers": [
                    "change curve",
                    "the change curve",
                    "change-curve",
                ],
            },
            {
                "title": "Change: planning for the productivity dip",
                "type": "numeric",
                "prompt": (
                    "<p>A benefits unit normally processes 500 claims a week. For the "
                    "first weeks after the switch to a new shared system, you plan "
                    "for a temporary 20 per cent drop in productivity.</p><p>How "
                    "many claims a week should you plan for during the transition? "
                    "Enter a number only.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "500 less 20 per cent is 400 claims a week. Planning for the dip "
                    "lets you protect critical services while it lasts, instead of "
                    "losing confidence when it arrives."
                ),
                "answer": "400",
                "tolerance": "0",
                "tolerance_is_percent": False,
            },
            {
                "title": "Change: staff fears about shared services",
                "type": "single_choice",
                "prompt": (
                    "<p>Support staff fear that a planned shared ICT service will "
                    "mean fewer posts. How does the module suggest leaders treat such "
                    "concerns?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Concerns about posts, autonomy and workload are often "
                    "reasonable. Leaders who treat them as resistance to overcome "
                    "usually meet more of it; clear and honest information helps."
                ),
                "choices": [
                    (
                        "As information to understand and address, for example with "
                        "clear and honest information about posts and selection",
                        True,
                        "Right: this is what turned around the module’s regional hub "
                        "case.",
                    ),
                    (
                        "As resistance to be overcome with firm messages from the top",
                        False,
                        "Treating concerns as resistance usually produces more of it.",
                    ),
                    (
                        "As a passing mood, best left alone until the change is "
                        "complete",
                        False,
                        "Ignored concerns undermined the shared service in the "
                        "module’s case.",
                    ),
                    (
                        "As a reason to abandon the shared service",
                        False,
                        "The concerns can be addressed without giving up the change.",
                    ),
                ],
            },
            {
                "title": "Change: rescuing a regional shared service",
                "type": "single_choice",
                "prompt": (
                    "<p>Three organizations merged their ICT support teams at a "
                    "regional hub. Six months later users complain of slower "
                    "service, and one organization has quietly hired its own "
                    "technician again.</p><p>Which response does the module’s case "
                    "show turning such a project around?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Shared services depend on continuing joint leadership and honest "
                    "communication, not only on a signed business case."
                ),
                "choices": [
                    (
                        "A jointly appointed lead, a joint user group including field "
                        "staff, and a quarterly joint review by the three heads",
                        True,
                        "Right: joint leadership that continued after the signature.",
                    ),
                    (
                        "Re-signing the business case with firmer commitments",
                        False,
                        "The business case was already strong and signed.",
                    ),
                    (
                        "Letting each organization manage its own part of the shared "
                        "team",
                        False,
                        "That would undo the shared service.",
                    ),
                    (
                        "Referring disputes to each organization’s own administration",
                        False,
                        "The heads agreed to settle disputes at their own level "
                        "instead.",
                    ),
                ],
            },
            {
                "title": "Change: how much senior managers need to know",
                "type": "single_choice",
                "prompt": (
                    "<p>What level of understanding of ICT does the module expect of "
                    "senior managers?</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "Not technical expertise, but enough understanding to ask good "
                    "questions, challenge over-optimistic proposals and reflexive "
                    "objections alike, and explain choices to staff and governing "
                    "bodies."
                ),
                "choices": [
                    (
                        "Enough to ask good questions, challenge both over-optimistic "
                        "proposals and reflexive objections, and explain choices",
                        True,
                        "",
                    ),
                    (
                        "Technical expertise comparable to that of the chief "
                        "information officer",
                        False,
                        "The module says technical expertise is not required.",
                    ),
                    (
                        "None: technical judgement should be delegated entirely to "
                        "specialists",
                        False,
                        "Leaving ICT to specialists is the view the course argues "
                        "against.",
                    ),
                    (
                        "Detailed knowledge of current products and suppliers",
                        False,
                        "Product knowledge is not what the module asks of leaders.",
                    ),
                ],
            },
            {
                "title": "Change: follow-up after launch",
                "type": "true_false",
                "prompt": (
                    "<p>Once senior management has launched and resourced an ICT "
                    "change, the module advises leaving its follow-up to the project "
                    "team, so that leaders’ attention can move to other "
                    "priorities.</p>"
                ),
                "points": 1,
                "general_feedback": (
                    "False. Change loses momentum when leaders stop asking about it. "
                    "The module suggests putting ICT cooperation on the senior "
                    "management agenda at least twice a year."
                ),
                "answer": False,
            },
        ],
        "draws": [("Change management", 1)],
    },
}

BANK = [
    {
        "title": "Bank: who defines common data",
        "type": "true_false",
        "topics": ["Interoperability", "Governance"],
        "prompt": (
            "<p>Deciding how partner organizations count beneficiaries, classify "
            "activities or code locations is a technical matter that can be left "
            "entirely to ICT staff.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "False. Common data definitions are management choices. The technical "
            "work can be delegated, but agreeing the definitions is a management "
            "responsibility."
        ),
        "answer": False,
    },
    {
        "title": "Bank: keeping a standard alive",
        "type": "single_choice",
        "topics": ["Interoperability", "Governance"],
        "prompt": (
            "<p>Your organization adopted a data exchange standard five years ago. "
            "Nobody has updated it since, and staff now quietly work around it. "
            "Which arrangement would most likely have prevented this?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "A standard that nobody owns drifts out of date. Each standard should "
            "have a named owner, a published version and a date for review."
        ),
        "choices": [
            (
                "A named owner, a published version and a date for review",
                True,
                "Right: ownership and regular review keep a standard useful.",
            ),
            (
                "Stricter sanctions for staff who depart from the standard",
                False,
                "Sanctions do not fix a standard that has fallen out of date.",
            ),
            (
                "Replacing the standard with one mandatory product",
                False,
                "Standardization is not uniformity.",
            ),
            (
                "Letting each unit keep its own version of the standard",
                False,
                "Separate versions defeat the purpose of a common standard.",
            ),
        ],
    },
    {
        "title": "Bank: first step before building a new tool",
        "type": "single_choice",
        "topics": ["Interoperability"],
        "prompt": (
            "<p>A department asks for funds to develop a new tool for tracking "
            "agreements with partners. What should you ask for first?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "An organization cannot avoid duplication if it does not know what "
            "already exists. Check your own application inventory and what other "
            "UN organizations use before building or buying."
        ),
        "choices": [
            (
                "A check of your own application inventory, and of what other UN "
                "organizations use, for something that already does the job",
                True,
                "Right: reuse and sharing start from knowing what exists.",
            ),
            (
                "A detailed technical specification so that development can start "
                "quickly",
                False,
                "Specifying first assumes the tool does not already exist.",
            ),
            (
                "A comparison of commercial products on the market",
                False,
                "Useful later, but existing tools in your organization and the "
                "system come first.",
            ),
            (
                "Approval from the department’s staff that they want a new tool",
                False,
                "User support matters, but it does not show whether the tool "
                "already exists.",
            ),
        ],
    },
    {
        "title": "Bank: staff-days saved by common codes",
        "type": "numeric",
        "topics": ["Interoperability"],
        "prompt": (
            "<p>Each month, staff of a country team spend 6 staff-days re-entering "
            "and reconciling data from four organizations to produce a joint report. "
            "After the organizations agree on common codes and an exchange format, "
            "the same report takes 1 staff-day a month.</p><p>How many staff-days "
            "does the team save over a year? Enter a number only.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "5 staff-days a month for 12 months is 60 staff-days a year. Manual "
            "reconciliation is one of the everyday costs of poor interoperability."
        ),
        "answer": "60",
        "tolerance": "0",
        "tolerance_is_percent": False,
    },
    {
        "title": "Bank: benefits of framework agreements",
        "type": "multiple_response",
        "topics": ["Procurement"],
        "prompt": (
            "<p>Which of the following are benefits of framework agreements "
            "described in the course? Select all that apply.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Framework agreements bring lower prices, lower transaction costs and "
            "faster delivery, more consistent equipment across organizations and "
            "better information on what the system buys. They do not fix quantities "
            "in advance, and they are normally awarded competitively."
        ),
        "partial_credit": True,
        "choices": [
            ("Lower prices through combined volume", True, ""),
            (
                "Lower transaction costs and faster delivery, which matter most in "
                "emergencies",
                True,
                "",
            ),
            (
                "More consistent equipment and software, which supports "
                "interoperability and shared support",
                True,
                "",
            ),
            (
                "A guarantee of the exact quantities each organization will order",
                False,
                "Framework agreements fix terms without committing to quantities.",
            ),
            (
                "No need for any competitive process at any stage",
                False,
                "The agreement itself is normally awarded through a competitive "
                "process.",
            ),
        ],
    },
    {
        "title": "Bank: seeing whether agreements are used",
        "type": "single_choice",
        "topics": ["Procurement", "Governance"],
        "prompt": (
            "<p>Your organization’s ICT purchases seldom seem to use framework "
            "agreements that other UN organizations already have. Which measure "
            "would give senior management the clearest picture?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "An annual report from procurement and ICT units on which ICT purchases "
            "used existing system-wide agreements, which did not, and why, puts the "
            "obstacles in front of the people who can remove them."
        ),
        "choices": [
            (
                "An annual report on which ICT purchases used existing system-wide "
                "agreements, which did not, and why",
                True,
                "Right: it shows both the pattern and the reasons behind it.",
            ),
            (
                "A list of all suppliers paid during the year",
                False,
                "This shows who was paid, not whether existing agreements were used.",
            ),
            (
                "A survey asking staff whether they are satisfied with their laptops",
                False,
                "Satisfaction says nothing about how purchases were made.",
            ),
            (
                "An audit of the unit price paid for each item",
                False,
                "Unit prices alone do not show why agreements were not used.",
            ),
        ],
    },
    {
        "title": "Bank: percentage saved by a joint tender",
        "type": "numeric",
        "topics": ["Procurement"],
        "prompt": (
            "<p>Three organizations would each pay USD 200,000 for a hosting "
            "service if they bought it separately. A joint tender led by one of "
            "them obtains the same service for all three for USD 480,000 in "
            "total.</p><p>What percentage do they save together, compared with "
            "buying separately? Enter a number only, without the % sign.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Separately they would pay 600 thousand dollars; jointly 480 thousand. "
            "The saving of 120 thousand is 20 per cent of 600 thousand."
        ),
        "answer": "20",
        "tolerance": "0",
        "tolerance_is_percent": False,
    },
    {
        "title": "Bank: an inventory nobody consults",
        "type": "true_false",
        "topics": ["Procurement", "Governance"],
        "prompt": (
            "<p>An inventory of framework agreements adds value simply by existing, "
            "even if procurement and ICT staff are not expected to consult it "
            "before launching a new tender.</p>"
        ),
        "points": 1,
        "general_feedback": (
            "False. Such inventories are valuable only when they are kept current "
            "and staff are expected to consult them before starting a new tender."
        ),
        "answer": False,
    },
    {
        "title": "Bank: when to train users",
        "type": "single_choice",
        "topics": ["Change management"],
        "prompt": (
            "<p>You are rolling out a new shared finance system to country offices "
            "over the next year. When does the course advise providing training?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Provide training when people need it rather than months in advance, "
            "so that it is fresh when they start using the new system."
        ),
        "choices": [
            (
                "When people need it, close to the time they start using the system",
                True,
                "",
            ),
            (
                "Months in advance, so that everyone is ready well before launch",
                False,
                "Training given months ahead is largely forgotten by go-live.",
            ),
            (
                "Only once the system has been stable for a year",
                False,
                "People need support during the dip, not after it.",
            ),
            (
                "Only for ICT staff, who will then support all users",
                False,
                "Users themselves need training and support through the change.",
            ),
        ],
    },
    {
        "title": "Bank: the organization the 2000 panel called for",
        "type": "short_text",
        "topics": ["Change management"],
        "prompt": (
            "<p>The Secretary-General’s high-level panel of experts on ICT (2000), "
            "cited in the 2003 report, said the system must change its collective "
            "way of thinking, through training and organizational measures as well "
            "as tools. What two-word term describes the kind of organization it "
            "should become?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "A knowledge organization. Becoming one depends on training and "
            "organizational measures as much as on technology."
        ),
        "accepted_answers": [
            "knowledge organization",
            "knowledge organisation",
            "a knowledge organization",
            "a knowledge organisation",
        ],
    },
    {
        "title": "Bank: supporting people through a roll-out",
        "type": "multiple_response",
        "topics": ["Change management"],
        "prompt": (
            "<p>You are leading the roll-out of a shared system to country offices. "
            "Which of these actions match the course’s advice on supporting people "
            "through the change? Select all that apply.</p>"
        ),
        "points": 2,
        "general_feedback": (
            "Explain early and often why the change matters for the mandate, "
            "involve users including field staff, plan for a temporary dip, and "
            "share early successes while listening to early problems."
        ),
        "partial_credit": True,
        "choices": [
            (
                "Explain early and often why the change matters for the mandate",
                True,
                "",
            ),
            (
                "Involve users, including field staff, in design and testing",
                True,
                "",
            ),
            (
                "Plan for a temporary dip in productivity and protect critical "
                "services while it lasts",
                True,
                "",
            ),
            (
                "Promise each member of staff an immediate personal benefit from the "
                "new system",
                False,
                "Benefits tend to appear first for the organization as a whole, so "
                "such promises soon ring hollow.",
            ),
            (
                "Keep early problems quiet to protect confidence in the project",
                False,
                "The course advises listening to early problems.",
            ),
        ],
    },
    {
        "title": "Bank: a structural barrier to cooperation",
        "type": "single_choice",
        "topics": ["Change management", "Governance"],
        "prompt": (
            "<p>Which of the following is a structural barrier to ICT cooperation "
            "that only senior managers can remove?</p>"
        ),
        "points": 1,
        "general_feedback": (
            "Performance objectives that reward only an organization’s own results, "
            "isolated budgets and governance in which nobody owns system-wide "
            "outcomes are built into how organizations run. Changing them sends a "
            "stronger signal than any statement of support."
        ),
        "choices": [
            (
                "Performance objectives that reward a unit’s own results but not "
                "its contribution to shared ones",
                True,
                "Right: incentives like these are set by senior management.",
            ),
            (
                "Staff who are not yet familiar with a new collaboration tool",
                False,
                "Training and support address this; it is not structural.",
            ),
            (
                "A supplier that delivers equipment late",
                False,
                "This is an operational problem for contract management.",
            ),
            (
                "A software fault in a shared platform",
                False,
                "This is a technical problem for the ICT team.",
            ),
        ],
    },
]
