import type { CycleDefinition } from '../cycles/domain/cycle';
import type { Role } from '../kernel/actor';

/**
 * The first customer's review: the labour market administration's 2012 report
 * on the EUROCITIES MIXITIES peer review of its introduction and language
 * courses (see docs/source/). Texts follow the report; R1 carries both of its
 * parts. The English texts are our translation.
 */
export const STOCKHOLM_REVIEW = {
  title: 'MIXITIES peer review Stockholm 2011 — introduction and language courses',
  reviewer: 'EUROCITIES MIXITIES peer review team',
  // The peer review took place in Stockholm on 26–30 September 2011.
  reviewedOn: '2011-09-30',
  committee: 'Arbetsmarknadsnämnden',
  diaryNumber: null,
};

/** Arbetsmarknadsförvaltningens förslag till beslut: proposed, not yet decided by the committee. */
export const STOCKHOLM_PROPOSED_DECISIONS = [
  'Arbetsmarknadsnämnden godkänner rapporten.',
  'Arbetsmarknadsnämnden beslutar att uppdra åt förvaltningen att sprida de tre verktygslådor som tagits fram inom projektet till stadens nämnder och bolag.',
  'Arbetsmarknadsnämnden uppdrar åt arbetsmarknadsförvaltningen att i arbetet med verksamhetsplan 2012 ta i beaktande de rekommendationer och råd som kommit fram genom kollegiegranskningen.',
];

export const STOCKHOLM_RECOMMENDATIONS = [
  {
    code: 'R1',
    title: 'Dialog',
    responsibleUnit: 'utredning',
    text:
      'Inför ett mer strukturerat arbetssätt för dialog med externa intressenter, dvs. aktörer utanför Stockholms stad med direkta intressen av kurserna och med kunskap som skulle kunna utveckla dem och göra dem mer effektiva. I synnerhet gäller denna rekommendation två områden:\n' +
      '– Rundabordssamtal med arbetsgivarrepresentanter från Storstockholm.\n' +
      '– Invandrarråd med bred representation av stadens invandrargrupper, som leds av en erfaren politiker från staden, för att stödja utveckling av samhällsorienterings- och språkkurser, integration och arbetsmarknadsrelaterade insatser.',
    textEn:
      'Introduce a more structured way of holding a dialogue with external stakeholders, i.e. parties outside the City of Stockholm with a direct interest in the courses and with knowledge that could develop them and make them more effective. In particular this recommendation covers two areas:\n' +
      '– Round-table talks with employer representatives from Greater Stockholm.\n' +
      "– A migrants' council broadly representing the city's migrant groups, chaired by an experienced city politician, to support the development of civic orientation and language courses, integration and labour-market measures.",
  },
  {
    code: 'R2',
    title: 'Uppsökande verksamhet',
    responsibleUnit: 'sfi',
    text:
      'Utveckla den uppsökande verksamheten i stadsdelsområdena, särskilt med inriktning på de invandrare som är svåra att nå vad gäller språkinlärning och samhällsorientering.',
    textEn:
      'Develop outreach in the city districts, particularly aimed at the migrants who are hard to reach with language learning and civic orientation.',
  },
  {
    code: 'R3',
    title: 'Dela erfarenheter',
    responsibleUnit: 'sfi',
    text:
      'Skapa strukturer för att dela nyskapande metoder inom introduktions- och språkkurser, mellan såväl olika enheter, program som kommuner för att höja nivån på nationell nivå.',
    textEn:
      'Create structures for sharing innovative methods in introduction and language courses between units, programmes and municipalities alike, to raise the level nationally.',
  },
  {
    code: 'R4',
    title: 'Förbättra uppföljning av kurserna',
    responsibleUnit: 'sfi',
    text:
      'Följ upp deltagarna i sfi- och samhällsorienteringskurserna för att se vilka effekterna är på längre sikt, hur kursutbudet kan förbättras och minska den sociala exkluderingen av vissa invandrare.',
    textEn:
      'Follow up the participants in the Swedish for immigrants (sfi) and civic orientation courses to see the longer-term effects, how the range of courses can be improved, and to reduce the social exclusion of some migrants.',
  },
  {
    code: 'R5',
    title: 'Synlig strategi',
    responsibleUnit: 'utredning',
    text:
      'Ta fram en synlig strategi för stadens policy för introduktions- och språkinlärning. Det saknas en transparent och offentligt synlig övergripande strategi som synliggör hur stadens mål för introduktions- och språkinlärning knyter an till andra strategiska mål.',
    textEn:
      "Produce a visible strategy for the city's policy on introduction and language learning. A transparent and publicly visible overall strategy is missing, one that shows how the city's goals for introduction and language learning connect to other strategic goals.",
  },
];

/** The business plan's reporting calendar. The dates are illustrative defaults an admin can change. */
export const VERKSAMHETSPLAN_2012: CycleDefinition = {
  name: 'Verksamhetsplan 2012',
  year: 2012,
  milestones: [
    { key: 'T1', name: 'Tertialrapport 1', periodStart: '2012-01-01', periodEnd: '2012-04-30', dueDate: '2012-05-22' },
    { key: 'T2', name: 'Tertialrapport 2', periodStart: '2012-05-01', periodEnd: '2012-08-31', dueDate: '2012-09-25' },
    { key: 'VB', name: 'Verksamhetsberättelse', periodStart: '2012-01-01', periodEnd: '2012-12-31', dueDate: '2013-02-19' },
  ],
  reminderDaysBefore: [14, 7, 1],
};

export const UNITS = [
  { id: 'sfi', name: 'sfi-avdelningen', nameEn: 'Swedish for immigrants (sfi) department' },
  { id: 'utredning', name: 'utvecklings- och utredningsstaben', nameEn: 'Development and analysis staff' },
];

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: Role; unit: string | null }> = [
  { email: 'admin@demo.local', name: 'Alva Admin', role: 'admin', unit: null },
  { email: 'sekreterare@demo.local', name: 'Sara Sekreterare', role: 'secretary', unit: null },
  { email: 'handlaggare.sfi@demo.local', name: 'Hanna Handläggare', role: 'officer', unit: 'sfi' },
  { email: 'chef.sfi@demo.local', name: 'Karin Avdelningschef', role: 'unit_head', unit: 'sfi' },
  { email: 'handlaggare.utredning@demo.local', name: 'Olle Utredare', role: 'officer', unit: 'utredning' },
  { email: 'revisor@demo.local', name: 'Rut Revisor', role: 'auditor', unit: null },
];
