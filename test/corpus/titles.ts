// Titles as the archive's pages have them: long shared openings ("Readout of President Joe Biden’s
// Call with ...", "FACT SHEET: ...", "Remarks by President Biden ..."), the punctuation of real
// titles (`Q&A`, `506(a)(1)`, `500,000`, `H.R. 189`, colons, quotes, dashes, accented names), a
// few very long ones (bills signed, joint statements), and titles published again and again
// ("Press Briefing by Press Secretary ...", "Nominations Sent to the Senate"), whose URLs get `-2`,
// `-3`. The others are drawn from enough combinations to be new even in a corpus of 50,000.
import { between, pick, some, type Random } from './random';

export type Era = 'archive' | 'current';

export type BodyKind = 'readout' | 'statement' | 'factSheet' | 'remarks' | 'briefing' | 'action' | 'legislation';

export interface Leader {
  readonly office: string;
  readonly name: string;
  readonly country: string;
}

export interface Draft {
  readonly title: string;
  readonly body: BodyKind;
  /** A title the site publishes again and again: its slug gets `-2`, `-3`, ... */
  readonly recurring?: boolean;
}

type Maker = (random: Random, date: string) => Draft;

/** Makers of a category's titles, each with its weight. */
export type TitleKinds = readonly (readonly [number, Maker])[];

// Names as the archive spells them, accented letters included (slugs transliterate them).
export const LEADERS: readonly Leader[] = [
  { office: 'Prime Minister', name: 'Trudeau', country: 'Canada' },
  { office: 'President', name: 'Erdoğan', country: 'Türkiye' },
  { office: 'President', name: 'Lula da Silva', country: 'Brazil' },
  { office: 'Prime Minister', name: 'Sánchez', country: 'Spain' },
  { office: 'Prime Minister', name: 'Støre', country: 'Norway' },
  { office: 'President', name: 'Niinistö', country: 'Finland' },
  { office: 'President', name: 'Čaputová', country: 'Slovakia' },
  { office: 'Prime Minister', name: 'Orbán', country: 'Hungary' },
  { office: 'General Secretary', name: 'Nguyễn Phú Trọng', country: 'Vietnam' },
  { office: 'Prime Minister', name: 'Jakobsdóttir', country: 'Iceland' },
  { office: 'President', name: 'López Obrador', country: 'Mexico' },
  { office: 'President', name: 'Nausėda', country: 'Lithuania' },
  { office: 'Prime Minister', name: 'Kariņš', country: 'Latvia' },
  { office: 'President', name: 'Macron', country: 'France' },
  { office: 'Chancellor', name: 'Scholz', country: 'Germany' },
  { office: 'President', name: 'Zelenskyy', country: 'Ukraine' },
  { office: 'Prime Minister', name: 'Kishida', country: 'Japan' },
  { office: 'President', name: 'Yoon', country: 'the Republic of Korea' },
  { office: 'Prime Minister', name: 'Modi', country: 'India' },
  { office: 'Prime Minister', name: 'Meloni', country: 'Italy' },
  { office: 'Prime Minister', name: 'Albanese', country: 'Australia' },
  { office: 'President', name: 'Ruto', country: 'Kenya' },
  { office: 'Prime Minister', name: 'Mitsotakis', country: 'Greece' },
  { office: 'Taoiseach', name: 'Varadkar', country: 'Ireland' },
  { office: 'President', name: 'Duda', country: 'Poland' },
  { office: 'Prime Minister', name: 'Frederiksen', country: 'Denmark' },
  { office: 'President', name: 'Boric', country: 'Chile' },
  { office: 'President', name: 'Petro', country: 'Colombia' },
  { office: 'Prime Minister', name: 'Sunak', country: 'the United Kingdom' },
  { office: 'President', name: 'Ramaphosa', country: 'South Africa' },
  { office: 'Prime Minister', name: 'Kristersson', country: 'Sweden' },
  { office: 'King', name: 'Abdullah II', country: 'the Hashemite Kingdom of Jordan' },
  { office: 'President', name: 'Widodo', country: 'Indonesia' },
  { office: 'Prime Minister', name: 'Fiala', country: 'the Czech Republic' },
  { office: 'Prime Minister', name: 'Carney', country: 'Canada' },
  { office: 'President', name: 'Sheinbaum Pardo', country: 'Mexico' },
  { office: 'Prime Minister', name: 'Starmer', country: 'the United Kingdom' },
  { office: 'President', name: 'Milei', country: 'Argentina' },
];

const CITIES = [
  'Philadelphia, PA', 'Detroit, MI', 'Auburn, ME', 'Las Vegas, NV', 'Atlanta, GA', 'Milwaukee, WI', 'Raleigh, NC', 'Phoenix, AZ',
  'Pittsburgh, PA', 'Scranton, PA', 'Columbus, OH', 'Houston, TX', 'Los Angeles, CA', 'New York, NY', 'Chicago, IL', 'Denver, CO',
  'Montréal, Québec', 'Hanoi, Vietnam', 'Brussels, Belgium', 'Tokyo, Japan', 'São Paulo, Brazil', 'Nairobi, Kenya', 'Warsaw, Poland', 'Vilnius, Lithuania',
];

const DISASTERS = ['Shooting', 'Floods', 'Tornadoes', 'Wildfires', 'Earthquake', 'Attack', 'Bridge Collapse', 'Train Derailment', 'Winter Storm', 'Severe Storms'];

const ANNIVERSARIES = [
  'the Americans with Disabilities Act', 'the Voting Rights Act', 'the Civil Rights Act', 'Title IX', 'the Affordable Care Act', 'Medicare and Medicaid',
  'the Peace Corps', 'NATO', 'the Marshall Plan', 'the Tree of Life Synagogue Shooting', 'the Pulse Nightclub Shooting', 'the Tulsa Race Massacre',
  'the Bipartisan Safer Communities Act', 'Russia’s Brutal Invasion of Ukraine', 'the Inflation Reduction Act', 'the Good Friday Agreement',
  'the Violence Against Women Act', 'the Clean Air Act', 'the Founding of the Association of Southeast Asian Nations', 'the Treaty of Friendship with Türkiye',
];

const ACTS = [
  'Consolidated Appropriations Act, 2023', 'Respect for Marriage Act', 'PACT Act', 'CHIPS and Science Act', 'Inflation Reduction Act',
  'Bipartisan Safer Communities Act', 'Fiscal Responsibility Act', 'Juneteenth National Independence Day Act', 'Emmett Till Antilynching Act',
  'Ukraine Democracy Defense Lend-Lease Act', 'Electoral Count Reform Act', 'Ocean Shipping Reform Act', 'Postal Service Reform Act',
  'Protecting Americans from Unfair Fees Act', 'National Defense Authorization Act for Fiscal Year 2024', 'Social Security Fairness Act',
];

const PEOPLE = [
  'Pelé', 'Queen Elizabeth II', 'Pope Emeritus Benedict XVI', 'Former Secretary of State Madeleine Albright', 'Senator Dianne Feinstein',
  'Former President Jimmy Carter', 'Justice Sandra Day O’Connor', 'Tina Turner', 'Former Prime Minister Shinzo Abe', 'Congresswoman Sheila Jackson Lee',
  'Ambassador Jean Kennedy Smith', 'Secretary Colin Powell', 'Archbishop Desmond Tutu', 'Former Senator Joe Lieberman',
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const ORDINAL_SUFFIXES = ['th', 'st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th'];

function ordinal(value: number): string {
  return `${value}${value % 100 >= 11 && value % 100 <= 13 ? 'th' : ORDINAL_SUFFIXES[value % 10]}`;
}

/** A bill's number as the archive writes it: `H.R. 189`, `S. 1000`, `H.J.Res. 7`. */
function bill(random: Random): string {
  return `${pick(random, ['H.R.', 'H.R.', 'H.R.', 'S.', 'S.', 'H.J.Res.'])} ${between(random, 1, 9_999)}`;
}

/** `a, b, and c`. */
function series(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`;
}

const leaderName = (leader: Leader) => `${leader.office} ${leader.name} of ${leader.country}`;

/** What a statement is about. */
function topic(random: Random): string {
  switch (between(random, 0, 7)) {
    case 0: return `the ${pick(random, DISASTERS)} in ${pick(random, CITIES)}`;
    case 1: return `the ${ordinal(between(random, 1, 80))} Anniversary of ${pick(random, ANNIVERSARIES)}`;
    case 2: return `the ${pick(random, ['Senate', 'House', 'Final', 'Bipartisan'])} Passage of ${random() < 0.5 ? `${bill(random)}, ` : ''}the ${pick(random, ACTS)}`;
    case 3: return `the Death of ${pick(random, PEOPLE)}`;
    case 4: {
      const leader = pick(random, LEADERS);
      return `the ${pick(random, ['Election', 'Swearing-In', 'Inauguration', 'Reelection'])} of ${leader.name} as ${leader.office} of ${leader.country}`;
    }
    case 5: return `the ${pick(random, MONTHS)} Jobs Report: ${between(random, 100, 950)},000 Jobs Created`;
    case 6: return `${pick(random, LEADERS).country}’s ${pick(random, ['Independence Day', 'National Day', 'Elections', 'Constitution Day'])}`;
    default: return `the ${pick(random, ['Final', 'New', 'Proposed', 'First'])} “${pick(random, ['Buy American', 'Investing in America', 'Cancer Moonshot', 'Unity Agenda', 'Summer of Service'])}” ${pick(random, ['Rule', 'Agenda', 'Initiative', 'Report'])} for ${pick(random, LEADERS).country}`;
  }
}

const AIMS = [
  'Lower Costs for American Families', 'Strengthen America’s Supply Chains', 'Create Good-Paying Union Jobs',
  'Expand Access to Clean Water in São Paulo and Bogotá', 'Invest $1.2 Billion in High-Speed Internet for Every American',
  'Connect 500,000 Households to Affordable Internet', 'Advance Racial Equity and Support for Underserved Communities',
  'Tackle the Climate Crisis at Home and Abroad', 'Protect Seniors from Junk Fees', 'Counter China’s Unfair Trade Practices',
  'Address the Root Causes of Migration in Central America', 'Make Housing More Affordable', 'Cut Red Tape for Small Businesses',
  'Strengthen Cybersecurity of Critical Infrastructure', 'Reduce Gun Violence', 'Expand Mental Health Care in Schools',
  'Lower Energy Bills With the Inflation Reduction Act', 'Bring Semiconductor Manufacturing Back to America',
  'Replace Lead Pipes in 400,000 Homes', 'Train 100,000 Apprentices in Clean Energy Jobs',
];

const FACT_SHEET_ACTORS = [
  'President Biden', 'Biden-Harris Administration', 'Vice President Harris', 'The Biden-Harris Administration', 'The U.S.–Canada Clean Energy Partnership',
  'First Lady Jill Biden', 'The White House', 'The U.S.–EU Trade and Technology Council',
];

const FACT_SHEET_SUMMITS = ['U.S.–Japan Summit: ', 'Quad Leaders’ Summit: ', 'U.S.-ASEAN Special Summit: ', 'G7 Leaders’ Summit in Hiroshima: '];

const FACT_SHEET_VERBS = ['Announces New Actions to', 'Launches Initiative to', 'Takes Action to', 'Signs Executive Order to', 'Unveils Plan to', 'Celebrates New Efforts to', 'Highlights Progress to', 'Deepens Partnership to'];

const VENUES = [
  'a Campaign Reception', 'a Roundtable with Small Business Owners', 'a Q&A with Students at the University of Nairobi', 'the National Prayer Breakfast',
  'a Reception in Honor of Women’s History Month', 'the Summit for Democracy', 'a Memorial Day Ceremony at Arlington National Cemetery',
  'the Signing of the Bipartisan Infrastructure Law', 'a Union Rally', 'the Dedication of the Emmett Till National Monument',
  'a Reception Celebrating Greek Independence Day: Ζήτω η Ελλάδα', 'the 2023 White House Correspondents’ Dinner', 'a Town Hall',
  'the Joint Session of the Irish Parliament — Oireachtas', 'a Celebration of Juneteenth', 'a Briefing on Hurricane Preparedness',
];

/** An aim as a title names it: `Efforts to Lower Costs for American Families`. */
function effortsTo(random: Random): string {
  return `${pick(random, ['Efforts to', 'New Actions to', 'the Plan to'])} ${pick(random, AIMS)}`;
}

function remarksOccasion(random: Random): string {
  switch (between(random, 0, 3)) {
    case 0: return `at ${pick(random, VENUES)}${random() < 0.3 ? ` | ${pick(random, CITIES)}` : ''}`;
    case 1: return `on ${pick(random, ['How the Investing in America Agenda Will', 'His Plan to', 'New Actions to', 'Efforts to'])} ${pick(random, AIMS)}`;
    case 2: return `on ${topic(random)}`;
    default: return `at the Signing of ${bill(random)}, the ${pick(random, ACTS)}`;
  }
}

const GERUNDS = ['Advancing', 'Promoting', 'Strengthening', 'Improving', 'Ensuring', 'Protecting', 'Establishing', 'Tackling', 'Addressing', 'Expanding', 'Restoring', 'Modernizing'];

const QUALITIES = ['Equity in', 'Competition in', 'the Resilience of', 'the Security of', 'Transparency in', 'Access to', 'Accountability in', 'Investment in', 'Safety in', 'Leadership in'];

const DOMAINS = [
  'the American Economy', 'the Nation’s Critical Infrastructure', 'Digital Assets', 'Artificial Intelligence', 'Reproductive Health Care Services',
  'Federal Procurement', 'the Federal Workforce', 'Public Lands and Waters', 'Clean Energy Industries', 'Semiconductor Supply Chains',
  'Housing', 'Veterans’ Health Care', 'Child Care', 'Maritime Shipping', 'Rural Broadband', 'the Electric Grid', 'Space Exploration',
  'Biotechnology and Biomanufacturing', 'Higher Education', 'Tribal Nations',
];

const ACTION = (random: Random) => `${pick(random, GERUNDS)} ${pick(random, QUALITIES)} ${pick(random, DOMAINS)}`;

const OBSERVED = [
  'Hispanic Heritage', 'Women’s History', 'Black History', 'Small Business', 'Farm Safety and Health', 'Domestic Violence Awareness and Prevention',
  'Asian American, Native Hawaiian, and Pacific Islander Heritage', 'Mental Health Awareness', 'Cybersecurity Awareness', 'Disability Employment Awareness',
  'Native American Heritage', 'Pride', 'Military Appreciation', 'Public Service Recognition', 'Teacher Appreciation', 'Police',
  'Nurses', 'Older Americans', 'Child Abuse Prevention', 'Sexual Assault Awareness and Prevention', 'Cancer Control', 'Donate Life',
  'Ocean', 'Forest Products', 'Safe Boating', 'Fire Prevention', 'Energy Awareness', 'Family Caregivers', 'Adoption', 'Financial Literacy',
  'Former Prisoner of War Recognition', 'Korean War Veterans Armistice', 'Pearl Harbor Remembrance', 'Law Day', 'Loyalty Day', 'Flag',
  'Father’s', 'Mother’s', 'Columbus', 'Indigenous Peoples’', 'Juneteenth', 'World Press Freedom', 'Holocaust Remembrance', 'Religious Freedom',
];

/** An observance as proclaimed: `National Small Business Week, 2023`. */
function observance(random: Random, date: string): string {
  const name = pick(random, OBSERVED);
  const period = name.endsWith('’') ? 'Day' : pick(random, ['Day', 'Week', 'Month', 'Awareness Month', 'Day of Remembrance']);
  return `${pick(random, ['National ', 'National ', 'World ', 'International ', ''])}${name} ${period}, ${date.slice(0, 4)}`;
}

const EMERGENCIES = ['Iran', 'Belarus', 'the Western Balkans', 'Significant Malicious Cyber-Enabled Activities', 'Hong Kong', 'Lebanon', 'Somalia', 'Transnational Criminal Organizations', 'Mali', 'Nicaragua'];

const OFFICIALS = [
  'National Security Advisor Jake Sullivan', 'National Security Council Coordinator for Strategic Communications John Kirby', 'NEC Director Lael Brainard',
  'Secretary of Transportation Pete Buttigieg', 'FEMA Administrator Deanne Criswell', 'COVID-19 Response Coordinator Dr. Ashish Jha',
];

const RECURRING_STATEMENT_OCCASIONS = [
  'World AIDS Day', 'International Women’s Day', 'Juneteenth', 'Ramadan', 'Diwali', 'Rosh Hashanah', 'Lunar New Year', 'Transgender Day of Visibility',
  'International Holocaust Remembrance Day', 'the Anniversary of the January 6th Attack on the Capitol', 'Memorial Day', 'Veterans Day',
];

// Jen Psaki briefed until May 13, 2022; Karine Jean-Pierre after.
const PSAKI_LAST_DAY = '2022-05-13';

export function pressSecretary(date: string): string {
  return date <= PSAKI_LAST_DAY ? 'Jen Psaki' : 'Karine Jean-Pierre';
}

export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

const SUMMITS = ['the G7 Summit', 'the NATO Summit', 'the G20 Summit', 'the United Nations General Assembly', 'the Summit of the Americas', 'the APEC Leaders’ Meeting', 'COP28'];

function readout(random: Random, whose: string): Draft {
  const meeting = pick(random, ['Call', 'Call', 'Meeting', 'Meeting', 'Bilateral Meeting', 'Trilateral Meeting']);
  const margins = random() < 0.15 ? ` on the Margins of ${pick(random, SUMMITS)}` : '';
  return { title: `Readout of ${whose} ${meeting} with ${leaderName(pick(random, LEADERS))}${margins}`, body: 'readout' };
}

const recurring = (title: string, body: BodyKind): Draft => ({ title, body, recurring: true });

const ARCHIVE: Readonly<Record<string, TitleKinds>> = {
  'statements-releases': [
    [20, (random) => readout(random, pick(random, ['President Joe Biden’s', 'President Joe Biden’s', 'Vice President Kamala Harris’s', 'National Security Advisor Jake Sullivan’s', 'First Lady Jill Biden’s']))],
    [1, (random) => ({ title: `Readout of White House Roundtable and Q&A with ${pick(random, ['Labor Leaders', 'Tribal Leaders', 'Governors', 'Mayors and County Officials'])} on ${effortsTo(random)}`, body: 'readout' })],
    [17, (random, date) => ({ title: `Statement from ${pick(random, ['President Joe Biden', 'President Joe Biden', 'President Joe Biden', `Press Secretary ${pressSecretary(date)}`, 'Vice President Kamala Harris', 'National Security Advisor Jake Sullivan'])} on ${topic(random)}`, body: 'statement' })],
    [7, (random) => recurring(`Statement from President Joe Biden on ${pick(random, RECURRING_STATEMENT_OCCASIONS)}`, 'statement')],
    [11, (random) => ({ title: `FACT SHEET: ${random() < 0.15 ? pick(random, FACT_SHEET_SUMMITS) : ''}${pick(random, FACT_SHEET_ACTORS)} ${pick(random, FACT_SHEET_VERBS)} ${series(some(random, AIMS, pick(random, [1, 1, 1, 2, 2, 3])))}`, body: 'factSheet' })],
    [4, (random) => ({ title: `Joint Statement of the Leaders of ${series(some(random, LEADERS, between(random, 2, 4)).map((leader) => leader.country))} on ${topic(random)}`, body: 'statement' })],
    [7, (random) => recurring(pick(random, ['President Biden Announces Key Nominees', 'President Biden Announces Key Appointments to Boards and Commissions', 'President Biden Announces Intent to Nominate Ambassadors']), 'statement')],
    [2, (random) => ({ title: `President Biden Names ${ordinal(between(random, 1, 200))} Round of Judicial Nominees`, body: 'statement' })],
    [1, (random) => ({ title: `Statement of Administration Policy: ${bill(random)} – ${pick(random, ACTS)}`, body: 'statement' })],
  ],
  'speeches-remarks': [
    [40, (random) => ({ title: `Remarks by ${pick(random, ['President Biden', 'President Biden', 'President Biden', 'Vice President Harris', 'First Lady Jill Biden', 'Second Gentleman Douglas Emhoff'])} ${remarksOccasion(random)}`, body: 'remarks' })],
    [12, (random) => recurring(`Remarks by President Biden ${pick(random, ['Before Marine One Departure', 'Before Air Force One Departure', 'in Press Gaggle', 'at a Campaign Reception', 'in Press Gaggle Aboard Air Force One'])}`, 'remarks')],
    [12, (random) => ({ title: `Remarks by President Biden and ${leaderName(pick(random, LEADERS))} ${pick(random, ['Before Bilateral Meeting', 'in Joint Press Conference', 'Before Expanded Bilateral Meeting', 'at Arrival Ceremony'])}`, body: 'remarks' })],
    [5, (random) => ({ title: `Remarks As Prepared for Delivery by ${pick(random, ['President Biden', 'First Lady Jill Biden'])} ${remarksOccasion(random)}`, body: 'remarks' })],
  ],
  'presidential-actions': [
    [34, (random, date) => ({ title: `A Proclamation on ${observance(random, date)}`, body: 'action' })],
    [14, (random) => ({ title: `${pick(random, ['Executive Order on', 'Memorandum on', 'National Security Memorandum on'])} ${ACTION(random)}`, body: 'action' })],
    [6, () => recurring('Memorandum on the Delegation of Authority Under Section 506(a)(1) of the Foreign Assistance Act of 1961', 'action')],
    [8, (random) => recurring(`Notice on the Continuation of the National Emergency With Respect to ${pick(random, EMERGENCIES)}`, 'action')],
    [5, (random) => recurring(`Letter to the Speaker of the House and President pro tempore of the Senate Regarding the Continuation of the National Emergency With Respect to ${pick(random, EMERGENCIES)}`, 'action')],
  ],
  'press-briefings': [
    [20, (random, date) => recurring(`Press Briefing by Press Secretary ${pressSecretary(date)}${random() < 0.4 ? ` and ${pick(random, OFFICIALS)}` : ''}`, 'briefing')],
    [12, (_random, date) => ({ title: `Press Briefing by Press Secretary ${pressSecretary(date)}, ${longDate(date)}`, body: 'briefing' })],
    [10, (random) => recurring(`Press Gaggle by ${pick(random, ['Principal Deputy Press Secretary Olivia Dalton', 'Principal Deputy Press Secretary Andrew Bates', 'Deputy Press Secretary Emilie Simons'])} Aboard Air Force One En Route ${pick(random, CITIES)}`, 'briefing')],
    [14, (random) => ({ title: `Background Press Call by Senior Administration Officials on ${random() < 0.5 ? topic(random) : effortsTo(random)}`, body: 'briefing' })],
    [4, (random) => ({ title: `On-the-Record Press Call by ${pick(random, OFFICIALS)} on ${topic(random)}`, body: 'briefing' })],
  ],
  legislation: [
    [10, (random) => ({ title: `Bill Signed: ${bill(random)}`, body: 'legislation' })],
    [6, (random) => ({ title: `Bills Signed: ${series(Array.from({ length: between(random, 2, 30) }, () => bill(random)))}`, body: 'legislation' })],
    [2, (random) => ({ title: `Press Release: Bill Signed: ${bill(random)}`, body: 'legislation' })],
  ],
  disclosures: [
    [1, () => recurring('Annual Report to Congress on White House Office Personnel', 'statement')],
    [2, (random, date) => ({ title: `White House Releases Visitor Records for ${pick(random, MONTHS)} ${date.slice(0, 4)}`, body: 'statement' })],
  ],
  blog: [
    [1, (random) => ({ title: `${pick(random, ['By the Numbers:', 'What They Are Saying:', 'The Investing in America Tour:', 'An Update on'])} ${random() < 0.5 ? topic(random) : effortsTo(random)}`, body: 'statement' })],
  ],
  uncategorized: [
    [1, (random) => ({ title: `Statement from President Joe Biden on ${topic(random)}`, body: 'statement' })],
  ],
};

const TRUMP_AIMS = [
  'Unleash American Energy', 'Secure the Southern Border', 'Restore American Manufacturing', 'Lower Drug Prices for American Patients',
  'Make America Healthy Again', 'Protect American Workers', 'End Wasteful Federal Spending', 'Strengthen the Nation’s Shipbuilding',
  'Bring Back Good Jobs', 'Cut Regulations by 10 to 1', 'Deliver Record Investment', 'Restore Merit-Based Hiring',
];

const CURRENT: Readonly<Record<string, TitleKinds>> = {
  'presidential-actions': [
    [14, (random) => ({ title: ACTION(random), body: 'action' })],
    [10, (random, date) => ({ title: observance(random, date), body: 'action' })],
    [3, (random) => recurring(`Continuation of the National Emergency With Respect to ${pick(random, EMERGENCIES)}`, 'action')],
    [4, () => recurring('Nominations Sent to the Senate', 'action')],
  ],
  articles: [
    [4, (random) => ({ title: `${pick(random, ['Governors', 'Business Leaders', 'Farmers', 'Manufacturers', 'Small Businesses', 'Economists', 'Workers'])} Praise President Trump’s Plan to ${series(some(random, TRUMP_AIMS, between(random, 1, 3)))}`, body: 'statement' })],
    [3, (random) => ({ title: `ICYMI: ${pick(random, ['Wins for American Workers', 'What You Need to Know', 'A Look Back'])} — President Trump Moves to ${pick(random, TRUMP_AIMS)} in ${pick(random, CITIES)}`, body: 'statement' })],
    [2, (random) => ({ title: `What They Are Saying: President Trump’s Plan to ${series(some(random, TRUMP_AIMS, between(random, 1, 2)))}`, body: 'statement' })],
  ],
  'briefings-statements': [
    [5, (random) => ({ title: `Statement from the Press Secretary on ${topic(random)}`, body: 'statement' })],
    [4, (random) => readout(random, 'President Trump’s')],
    [3, () => recurring('Press Briefing by Press Secretary Karoline Leavitt', 'briefing')],
    [1, () => recurring('Nominations and Withdrawals Sent to the Senate', 'statement')],
  ],
  'fact-sheets': [
    [1, (random) => ({ title: `Fact Sheet: President Donald J. Trump ${pick(random, ['Acts to', 'Moves to', 'Takes Action to', 'Secures Deals to'])} ${series(some(random, TRUMP_AIMS, between(random, 1, 3)))}`, body: 'factSheet' })],
  ],
  releases: [
    [1, (random) => ({ title: `President Trump Announces ${pick(random, ['Key Nominations for', 'Appointments to the President’s Council on', 'Intent to Nominate Leaders for'])} ${pick(random, DOMAINS)}`, body: 'statement' })],
  ],
  remarks: [
    [1, (random) => ({ title: `Remarks by President Trump ${pick(random, ['Before Marine One Departure', 'at a Cabinet Meeting', `on ${pick(random, TRUMP_AIMS)}`, `in Joint Press Conference with ${leaderName(pick(random, LEADERS))}`])}`, body: 'remarks' })],
  ],
  research: [
    [1, (random) => ({ title: `${pick(random, ['The Economic Effects of', 'CEA Report:', 'Evaluating'])} ${pick(random, QUALITIES)} ${pick(random, DOMAINS)}`, body: 'statement' })],
  ],
};

export const TITLE_KINDS: Readonly<Record<Era, Readonly<Record<string, TitleKinds>>>> = { archive: ARCHIVE, current: CURRENT };
