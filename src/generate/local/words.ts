// The words OCR lines are mended against (mend.ts): common English and the words of user interfaces, lowercase. Not a
// full dictionary: a word missing here is left as read unless the design itself reads a close word elsewhere. Compound
// words people write as one (login, checkout, password) are listed whole so they are never split.

const LIST = `
a about above accept access account accounts action actions active activity add added address admin advanced after
again against age agree ago alert alerts all allow already also always am amount an analytics and another answer any
anyone anything app apply apps april archive are area around art article articles as ask at attach august author
auto available avatar away back backup bag balance bank bar based basic be become before begin below best better
between billing blog blue board body bold book bookmark both bottom box brand browse budget build builder business
but button buy by calendar call can cancel cannot card cards care cart case categories category center change changes
chat check checkout choose city clear click client close cloud code collection color colors column come comment
comments common community company compare complete confirm connect contact contacts contain content continue copy
copyright cost count country course cover create created credit current custom customer customers daily dark dashboard
data date day days december default delete delivery demo description design designs details device did different
digital direct discount discover display do document documents does done down download draft drag drive drop due
during each early easy edit editor education email empty end english enter error event events every everyone
everything example explore export faq fast favorite favorites feature featured features february feed feedback field
file files filter find first follow followers following font food footer for forgot form free friday friends from
full gallery general get getting gift give go goal good great grid group groups guide has have header heading health
hello help here hero hi high history hold home homepage hot hour hours how however icon idea if image images import in
inbox include info information input inside insights install into invite invoice is it italic item items its january
job jobs join july june just keep key keyboard know label language last latest layout learn leave left less let level
library light like limit line link links list live load loading local location lock log login logout long look lost
low made mail main make manage manager map march mark market marketing may me media member members menu message
messages method mobile mode monday money month monthly more most move much music my name need network new news
newsletter next night no none not note notes nothing notification notifications november now number of off offer
offers office october old on once one online only open option optional options or order orders other our out over
overview own page pages paid panel part partners pass password pay payment people per person phone photo photos pick
place plan plans play please plus policy popular post posts premium press preview previous price pricing print privacy
pro product products profile project projects public publish purchase quick quote rate read ready recent record
register remember remove reply report reports request required reset resources results return review reviews right
role room rules run sale sales same saturday save saved schedule search second secure security see select send
september server service services session set settings setup share shipping shop shopping show sign signup simple
site size skip small social some something sort source special start started state status stay step still stock
store stories story subject submit subscribe subscription success summary sunday support sure system table tag tags
task tasks team teams terms test text than thank thanks that the their them theme then there these they this those
thursday time timeline title to today together top total track training trending try tuesday type under underline
unlimited unread up update updated upgrade upload us use used user username users value version video videos view
views visit wallet want was watch way we wednesday week weekly welcome well were what when where which while who why
will with within without word words work working world would write year yearly years yes you your yours zip
about acme admin again api apple beta blog facebook github google instagram linkedin pinterest reddit slack stripe
tiktok twitter youtube whatsapp paypal visa mastercard amazon microsoft android iphone ios windows
across actually add-on ahead almost alone along among announcement annual anytime apartment application
apartments approach approved arrival article assets assistant audio august average award awesome background
balance banner basket beauty beginner being benefits beyond billing birthday blank bonus booking books
border brief browser budget bulletin button buttons cabin camera campaign capital caption career careers
cash casual certain chain chapter charge cheap child children choice chosen classic clean cleanup clock
clothing coffee collect college comfort compact complete computer conditions conference configure
contact content contents control cookie cookies corner countries coupon courses create creative currency
customize cut daily deadline deal deals decide deliver department deposit desktop destination develop
developer development dinner disabled discuss distance doctor dollar domain dont double download downloads
drink earn edition effect element else emails employee engine engineering enjoy enough entire entry
equal estimate even evening ever exchange exclusive exit expand expert expire explain express extra family
fashion father feel fee few fill final finance fine finish fitness five fix flight floor flow focus fold
folder follow four frame fresh friend front fun funds future game games garden gender generate gold got
government green guest half hand happy hard head hear heart height hide highlight hire holiday hosting
hotel house human hundred identity important improve income increase index industry inside instant
instead insurance integration interest internet intro inventory issue issues join journal journey keyword
kids kind kitchen large later launch law lead learning least legal length lesson let letter life limited
listing little logo lookup love luxury machine mail maintain manual markup match matter maximum meal
means meeting memory mention mentor mind minimum minute minutes mission model modern moment monitor
mother mountain movie name names near nearby needed never nice nine normal north notice novel
office official often okay open operations opinion order original outcome outdoor output owner pack
package paper parent park partner party passport past paste path patient pattern pause peace pending
percent perfect period permission personal pet phones picture pin pink pixel plain planet platform player
plugin point points pop popup portfolio position possible power practice prefer prepare present
pretty prevent primary private problem process produce professional program progress promo promotion
property protect provide provider purple purpose push quality question questions queue quiet radio
range rating reach real reason receive recipe recommended red reduce refund region related release
remain remote rent repair replace request research reserve resource response rest restaurant result
resume reward rich ride ring rise road rock round route row safe safety salary save scale school
science score screen scroll season seat secret section sections seller sending senior sent series
serve share sheet shirt shoes short should side sidebar silver single sit six skills skin sleep slide
smart snow soft software solution solutions sold solid song soon sorry sound south space speak speed
spend sport sports spring staff stage standard star stars start startup station status stop storage
straight street strong student students studio style styles submit suggest suit summer super supply
survey switch sync tab tabs take talk target tax teacher tech template ten term thin thing things think
three through ticket tickets tip tips toggle token tomorrow tonight tool toolbar tools topic topics
touch tour town trade traffic transfer travel trial trip true trust tutorial twenty two unit university
unknown until upcoming upon urgent usage useful valid verified verify very visible voice wait walk
wallet warning water weather web website weight white whole wide width win winter wish woman women
workflow workout workspace yellow young zone
selection selected household overall workshop placeholder onsite dataset datasets framework properly lens clay
handmade handwoven moderate master directors perform newspaper headlines payout payback realtime notable underwater
aboard aside apart alike awake ashore aloud alive aware arise amass await award amend atone afoot aground akin alight
along amiss anew around arouse across atop alone avenue abide about ahead again away amount abound arose attest attack
attire asleep abase amid abroad alert allow avoid
attention located lake inform functions hereby continuous inactive altered dear cord took entirety involve involves
involving intentions healthcare athletes publication freeware donations overclock overclocking onset objects
`;

export const UI_WORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
