#!/usr/bin/env python3
"""Write internal/extract/data/terms.tsv from the hand-compiled tables below.

Each table row is  value|frequency|generalisations|flags|synonyms  where frequency is
the share of the UK population the detail matches (rounded published figures, see
SOURCES.md), generalisations are comma-separated coarser forms, flags are
  w  weak: only counts when the sentence is about a specific person
  u  must be written in capitals in the text (abbreviations such as MS, ALL, EDS)
  c  needs a capital letter
and synonyms are ;-separated extra phrases. Usage:
  python3 internal/extract/internal/gen/terms.py > internal/extract/data/terms.tsv
"""

UK = 67_600_000.0

def n(count):
    return count / UK

# Orphanet prevalence classes (class midpoints as a share).
R1 = 3e-4   # 1-5 / 10,000
R2 = 5e-5   # 1-9 / 100,000
R3 = 5e-6   # 1-9 / 1,000,000
R4 = 5e-7   # < 1 / 1,000,000

CONDITIONS = """
hypertension|0.14|cardiovascular|w|high blood pressure;htn;raised blood pressure
depression|0.13|mental health|w|depressive disorder;low mood;major depressive disorder
anxiety|0.06|mental health|w|generalised anxiety disorder;gad;anxiety disorder
asthma|0.065|respiratory|w|asthmatic
type 2 diabetes|0.07|endocrine,diabetes|w|t2dm;type ii diabetes;diabetes mellitus type 2;dm2;niddm
type 1 diabetes|0.004|endocrine,diabetes||t1dm;type i diabetes;iddm;dm1;type one diabetes
diabetes|0.075|endocrine|w|diabetic;diabetes mellitus
chronic kidney disease|0.04|renal|w|ckd;renal failure;kidney failure;esrd;end stage renal disease
atrial fibrillation|0.021|cardiovascular|w|af;afib;a-fib;a fib
coronary heart disease|0.03|cardiovascular|w|chd;ischaemic heart disease;ihd;cad;coronary artery disease;angina
myocardial infarction|0.015|cardiovascular|w|heart attack;mi;stemi;nstemi
heart failure|0.01|cardiovascular|w|chf;congestive heart failure;lvsd
stroke|0.018|cardiovascular|w|cva;tia;mini-stroke;cerebrovascular accident
copd|0.019|respiratory|w|chronic obstructive pulmonary disease;emphysema;chronic bronchitis
cancer|0.035|cancer|w|malignancy;carcinoma;tumour;tumor
breast cancer|0.009|cancer|w|ductal carcinoma;dcis;invasive ductal carcinoma;lobular carcinoma
male breast cancer|0.00001|cancer||breast cancer in a man
prostate cancer|0.007|cancer|w|prostate ca
lung cancer|0.001|cancer|w|nsclc;sclc;small cell lung cancer
bowel cancer|0.003|cancer|w|colorectal cancer;colon cancer;rectal cancer
pancreatic cancer|0.0002|cancer||pancreatic ca
ovarian cancer|0.0006|cancer||ovarian ca
cervical cancer|0.0004|cancer||
melanoma|0.002|cancer||malignant melanoma
leukaemia|0.001|cancer,haematological||leukemia
acute lymphoblastic leukaemia|0.0001|cancer,haematological||acute lymphoblastic leukemia;all
acute myeloid leukaemia|0.0001|cancer,haematological||acute myeloid leukemia;aml
chronic lymphocytic leukaemia|0.0005|cancer,haematological||chronic lymphocytic leukemia;cll
chronic myeloid leukaemia|0.0001|cancer,haematological||cml
lymphoma|0.001|cancer,haematological||non-hodgkin lymphoma;nhl
hodgkin lymphoma|0.0002|cancer,haematological||hodgkin's lymphoma;hodgkin's disease
myeloma|0.0004|cancer,haematological||multiple myeloma
glioblastoma|0.00005|cancer||gbm;glioma;brain tumour;brain tumor
mesothelioma|0.00004|cancer||
sarcoma|0.0001|cancer||osteosarcoma;ewing sarcoma;ewing's sarcoma
testicular cancer|0.0003|cancer||
thyroid cancer|0.0005|cancer||
oesophageal cancer|0.0002|cancer||esophageal cancer
stomach cancer|0.0002|cancer||gastric cancer
liver cancer|0.0001|cancer||hepatocellular carcinoma;hcc
kidney cancer|0.0004|cancer||renal cell carcinoma;rcc
bladder cancer|0.0005|cancer||
head and neck cancer|0.0004|cancer||throat cancer;laryngeal cancer;mouth cancer;oral cancer
neuroblastoma|0.00002|cancer,rare||
retinoblastoma|0.00001|cancer,rare||
wilms tumour|0.00002|cancer,rare||wilms' tumour;nephroblastoma
dementia|0.007|neurological|w|
alzheimer's disease|0.005|neurological|w|alzheimer's;alzheimers
vascular dementia|0.0015|neurological|w|
lewy body dementia|0.0005|neurological||dementia with lewy bodies;dlb
frontotemporal dementia|0.0001|neurological||ftd;pick's disease
young onset dementia|0.0001|neurological||early onset dementia
epilepsy|0.008|neurological|w|seizure disorder
juvenile myoclonic epilepsy|0.0008|neurological||jme
parkinson's disease|0.002|neurological||parkinson's;parkinsonism
multiple sclerosis|0.0022|neurological||ms;relapsing-remitting ms;rrms;relapsing remitting multiple sclerosis
motor neurone disease|0.0001|neurological,rare||mnd;als;amyotrophic lateral sclerosis;motor neuron disease
huntington's disease|0.00012|neurological,rare||huntington's;huntington disease;hd;huntington's chorea
myasthenia gravis|0.00015|neurological,rare||myasthenia;myasthenic
guillain-barre syndrome|0.00002|neurological,rare||guillain barre syndrome;gbs
migraine|0.1|neurological|w|migraines;migraine with aura
cluster headache|0.001|neurological||cluster headaches
trigeminal neuralgia|0.0003|neurological||
bell's palsy|0.0002|neurological||
cerebral palsy|0.002|neurological||cp
spina bifida|0.0003|neurological,congenital||
hydrocephalus|0.0005|neurological||
narcolepsy|0.0004|neurological||
restless legs syndrome|0.03|neurological|w|rls
functional neurological disorder|0.0005|neurological||fnd
chronic fatigue syndrome|0.004|neurological||me/cfs;myalgic encephalomyelitis;cfs
fibromyalgia|0.02|musculoskeletal|w|
rheumatoid arthritis|0.0077|musculoskeletal|w|ra
osteoarthritis|0.1|musculoskeletal|w|oa
gout|0.025|musculoskeletal|w|
ankylosing spondylitis|0.002|musculoskeletal||axial spondyloarthritis
psoriatic arthritis|0.002|musculoskeletal||
lupus|0.0005|autoimmune||sle;systemic lupus erythematosus
scleroderma|0.0002|autoimmune,rare||systemic sclerosis
sjogren's syndrome|0.001|autoimmune||sjögren's syndrome;sjogren's
polymyalgia rheumatica|0.003|musculoskeletal||pmr
giant cell arteritis|0.0005|autoimmune||gca;temporal arteritis
vasculitis|0.0003|autoimmune||
osteoporosis|0.009|musculoskeletal|w|
psoriasis|0.02|skin|w|plaque psoriasis
eczema|0.1|skin|w|atopic dermatitis
acne|0.05|skin|w|
vitiligo|0.01|skin||
alopecia|0.002|skin||alopecia areata
hidradenitis suppurativa|0.01|skin||
rosacea|0.05|skin|w|
hypothyroidism|0.035|endocrine|w|underactive thyroid;hashimoto's thyroiditis;hashimoto's
hyperthyroidism|0.008|endocrine|w|overactive thyroid;graves' disease;graves disease
addison's disease|0.0001|endocrine,rare||addison's;adrenal insufficiency
cushing's syndrome|0.00004|endocrine,rare||cushing's disease
acromegaly|0.00006|endocrine,rare||
polycystic ovary syndrome|0.1|endocrine|w|pcos
endometriosis|0.1|gynaecological|w|
menopause|0.1|gynaecological|w|perimenopause
infertility|0.03|gynaecological|w|
ectopic pregnancy|0.0002|pregnancy||
miscarriage|0.003|pregnancy||
stillbirth|0.00005|pregnancy||
pre-eclampsia|0.0005|pregnancy||preeclampsia
hyperemesis gravidarum|0.0001|pregnancy||
pregnancy|0.01|pregnancy|w|pregnant
crohn's disease|0.003|gastrointestinal||crohn's;crohns
ulcerative colitis|0.004|gastrointestinal||uc
coeliac disease|0.01|gastrointestinal||celiac disease;coeliac
irritable bowel syndrome|0.1|gastrointestinal|w|ibs
gallstones|0.1|gastrointestinal|w|cholecystitis
pancreatitis|0.0005|gastrointestinal||
cirrhosis|0.0012|gastrointestinal||liver cirrhosis
alcohol-related liver disease|0.001|gastrointestinal||alcoholic liver disease;arld
fatty liver disease|0.2|gastrointestinal|w|nafld;masld
hepatitis b|0.004|infectious||hep b
hepatitis c|0.002|infectious||hep c
hiv|0.0015|infectious||hiv positive;aids
tuberculosis|0.00007|infectious||tb
covid-19|0.03|infectious|w|covid;long covid
sepsis|0.003|infectious|w|
meningitis|0.00005|infectious||bacterial meningitis;meningococcal disease
lyme disease|0.00005|infectious||
measles|0.00003|infectious||
mumps|0.00005|infectious||
whooping cough|0.0001|infectious||pertussis
malaria|0.00002|infectious||
ebola|0.0000001|infectious,rare||
mpox|0.00005|infectious||monkeypox
necrotising fasciitis|0.00001|infectious,rare||necrotizing fasciitis;flesh-eating bug
legionnaires' disease|0.000006|infectious,rare||legionella
pneumonia|0.01|respiratory|w|
bronchiectasis|0.005|respiratory||
cystic fibrosis|0.00015|respiratory,rare||cf
pulmonary fibrosis|0.0005|respiratory||idiopathic pulmonary fibrosis;ipf
sarcoidosis|0.0005|respiratory||
sleep apnoea|0.04|respiratory|w|obstructive sleep apnoea;osa;sleep apnea
pulmonary embolism|0.001|respiratory|w|pe
deep vein thrombosis|0.001|cardiovascular|w|dvt
pulmonary hypertension|0.0001|respiratory,rare||
aortic stenosis|0.005|cardiovascular||
aortic aneurysm|0.005|cardiovascular||aaa;abdominal aortic aneurysm
cardiomyopathy|0.002|cardiovascular||hypertrophic cardiomyopathy;hcm;dilated cardiomyopathy
long qt syndrome|0.0005|cardiovascular,rare||long qt
brugada syndrome|0.0002|cardiovascular,rare||
wolff-parkinson-white syndrome|0.0015|cardiovascular||wpw
congenital heart disease|0.005|cardiovascular,congenital||
tetralogy of fallot|0.0002|cardiovascular,congenital,rare||
endocarditis|0.0001|cardiovascular||
peripheral arterial disease|0.006|cardiovascular|w|pad;peripheral vascular disease;pvd
raynaud's phenomenon|0.05|cardiovascular|w|raynaud's
schizophrenia|0.007|mental health||
bipolar disorder|0.01|mental health||bipolar;manic depression
psychosis|0.005|mental health||first episode psychosis
personality disorder|0.02|mental health||borderline personality disorder;bpd;eupd
post-traumatic stress disorder|0.04|mental health||ptsd
obsessive compulsive disorder|0.012|mental health||ocd
eating disorder|0.01|mental health||eating disorders;restrictive eating;disordered eating
anorexia nervosa|0.002|mental health||anorexia
bulimia nervosa|0.005|mental health||bulimia
adhd|0.04|neurodevelopmental||attention deficit hyperactivity disorder;add
autism|0.01|neurodevelopmental||autism spectrum disorder;asd;asperger's;asperger syndrome;autistic
learning disability|0.005|neurodevelopmental||learning disabilities
dyslexia|0.1|neurodevelopmental|w|
tourette syndrome|0.001|neurodevelopmental||tourette's;tourettes
down syndrome|0.0007|genetic,congenital||down's syndrome;trisomy 21
edwards syndrome|0.000005|genetic,rare||trisomy 18
patau syndrome|0.000002|genetic,rare||trisomy 13
fragile x syndrome|0.0002|genetic,rare||fragile x
turner syndrome|0.0002|genetic,rare||turner's syndrome
klinefelter syndrome|0.0007|genetic||klinefelter's
williams syndrome|0.0001|genetic,rare||
prader-willi syndrome|0.00004|genetic,rare||prader willi syndrome
angelman syndrome|0.00005|genetic,rare||
rett syndrome|0.00005|genetic,rare||
22q11 deletion syndrome|0.00025|genetic,rare||digeorge syndrome;22q11.2 deletion
marfan syndrome|0.0002|genetic,rare||marfan's
ehlers-danlos syndrome|0.0002|genetic,rare||ehlers danlos syndrome;eds;heds;hypermobile eds
neurofibromatosis|0.0003|genetic,rare||nf1;nf2;neurofibromatosis type 1
tuberous sclerosis|0.0001|genetic,rare||tsc;tuberous sclerosis complex
sickle cell disease|0.0002|haematological,genetic||sickle cell anaemia;sickle cell
thalassaemia|0.00003|haematological,genetic,rare||thalassemia;beta thalassaemia
haemophilia|0.00012|haematological,genetic,rare||hemophilia;haemophilia a;haemophilia b
von willebrand disease|0.001|haematological||vwd
haemochromatosis|0.003|genetic||hemochromatosis;hereditary haemochromatosis
wilson's disease|0.00003|genetic,rare||wilson disease
phenylketonuria|0.0001|genetic,rare||pku
duchenne muscular dystrophy|0.00003|genetic,rare||duchenne;dmd
muscular dystrophy|0.0001|genetic,rare||
spinal muscular atrophy|0.00002|genetic,rare||sma
myotonic dystrophy|0.0001|genetic,rare||
friedreich's ataxia|0.00002|genetic,rare||friedreich ataxia
achondroplasia|0.00004|genetic,rare||dwarfism
osteogenesis imperfecta|0.00007|genetic,rare||brittle bone disease
albinism|0.00006|genetic,rare||
cleft lip|0.0015|congenital||cleft palate;cleft lip and palate
gastroschisis|0.0003|congenital,rare||
congenital diaphragmatic hernia|0.0003|congenital,rare||cdh
hirschsprung's disease|0.0002|congenital,rare||hirschsprung disease
biliary atresia|0.00006|congenital,rare||
polycystic kidney disease|0.001|renal,genetic||pkd;adpkd
alport syndrome|0.0002|renal,genetic,rare||
nephrotic syndrome|0.0002|renal||
iga nephropathy|0.0003|renal||
amyloidosis|0.00005|rare||al amyloidosis;attr amyloidosis
porphyria|0.00005|rare||acute intermittent porphyria
gaucher disease|0.00002|genetic,rare||gaucher's disease
fabry disease|0.00003|genetic,rare||fabry's disease
pompe disease|0.00002|genetic,rare||
niemann-pick disease|0.000005|genetic,rare||
tay-sachs disease|0.000003|genetic,rare||tay sachs
batten disease|0.000005|genetic,rare||
creutzfeldt-jakob disease|0.000002|neurological,rare||cjd;vcjd
progressive supranuclear palsy|0.00006|neurological,rare||psp
multiple system atrophy|0.00004|neurological,rare||msa
syringomyelia|0.00008|neurological,rare||
chiari malformation|0.0005|neurological||
idiopathic intracranial hypertension|0.0001|neurological||iih
stiff person syndrome|0.000001|neurological,rare||
locked-in syndrome|0.000005|neurological,rare||locked in syndrome
transverse myelitis|0.00001|neurological,rare||
neuromyelitis optica|0.00001|neurological,rare||nmo
encephalitis|0.00005|neurological,rare||autoimmune encephalitis
ataxia|0.0001|neurological,rare||spinocerebellar ataxia
dystonia|0.0005|neurological||
essential tremor|0.01|neurological|w|
kawasaki disease|0.00001|rare||
behcet's disease|0.00001|autoimmune,rare||behcet's
still's disease|0.00002|autoimmune,rare||adult-onset still's disease
dermatomyositis|0.00002|autoimmune,rare||polymyositis
myositis|0.00002|autoimmune,rare||inclusion body myositis
pemphigus|0.00003|skin,rare||pemphigus vulgaris;bullous pemphigoid
epidermolysis bullosa|0.00002|skin,genetic,rare||butterfly skin
ichthyosis|0.0002|skin,genetic||
aplastic anaemia|0.00002|haematological,rare||aplastic anemia
itp|0.0001|haematological||immune thrombocytopenia
polycythaemia vera|0.0002|haematological,rare||polycythemia vera
myelofibrosis|0.00005|haematological,rare||
myelodysplastic syndrome|0.0001|haematological,rare||mds
pernicious anaemia|0.001|haematological||pernicious anemia
iron deficiency anaemia|0.03|haematological|w|anaemia;anemia
haemophagocytic lymphohistiocytosis|0.000002|haematological,rare||hlh
hereditary angioedema|0.00002|immunological,rare||hae
anaphylaxis|0.0003|immunological||anaphylactic;anaphylactic shock
bee sting allergy|0.001|immunological||venom allergy;honeybee venom anaphylaxis;bee venom allergy
peanut allergy|0.02|immunological|w|nut allergy
mastocytosis|0.00001|immunological,rare||
common variable immunodeficiency|0.00003|immunological,rare||cvid
scid|0.000005|immunological,rare||severe combined immunodeficiency
primary sclerosing cholangitis|0.0001|gastrointestinal,rare||psc
primary biliary cholangitis|0.0003|gastrointestinal,rare||pbc;primary biliary cirrhosis
autoimmune hepatitis|0.0002|gastrointestinal,rare||
short bowel syndrome|0.00003|gastrointestinal,rare||intestinal failure
gastroparesis|0.0002|gastrointestinal||
achalasia|0.0001|gastrointestinal,rare||
eosinophilic oesophagitis|0.0005|gastrointestinal||eoe
diverticulitis|0.01|gastrointestinal|w|diverticular disease
appendicitis|0.001|gastrointestinal|w|
hernia|0.01|gastrointestinal|w|
glaucoma|0.02|eye|w|
macular degeneration|0.01|eye|w|amd;wet amd
cataract|0.05|eye|w|cataracts
retinitis pigmentosa|0.00025|eye,genetic,rare||
keratoconus|0.0005|eye||
uveitis|0.001|eye||
diplopia|0.001|eye|w|double vision
blindness|0.003|eye||registered blind;sight impaired
deafness|0.002|ear||profoundly deaf;deaf
meniere's disease|0.002|ear||meniere's
tinnitus|0.1|ear|w|
otosclerosis|0.001|ear||
cochlear implant|0.0003|ear||
hearing loss|0.15|ear|w|
scoliosis|0.003|musculoskeletal||
perthes disease|0.00005|musculoskeletal,rare||perthes'
slipped upper femoral epiphysis|0.00005|musculoskeletal,rare||sufe
developmental dysplasia of the hip|0.001|musculoskeletal||ddh
clubfoot|0.001|musculoskeletal,congenital||talipes
amputation|0.001|musculoskeletal||amputee;below knee amputation;above knee amputation
spinal cord injury|0.0007|neurological||paraplegia;tetraplegia;quadriplegia;paraplegic;tetraplegic
traumatic brain injury|0.003|neurological||tbi;head injury;brain injury
hip fracture|0.001|musculoskeletal|w|fractured neck of femur;nof fracture;broken hip
ankle fracture|0.001|musculoskeletal|w|broken ankle
inversion injury|0.002|musculoskeletal|w|sprained ankle;ankle sprain
concussion|0.002|neurological|w|
burns|0.0005|injury|w|burn injury;severe burns
transplant|0.0008|transplant||organ transplant
kidney transplant|0.0006|transplant||renal transplant
liver transplant|0.0002|transplant||
heart transplant|0.00005|transplant,rare||
lung transplant|0.00003|transplant,rare||
face transplant|0.0000001|transplant,rare||
dialysis|0.0005|renal||haemodialysis;peritoneal dialysis;hemodialysis
stoma|0.003|gastrointestinal||colostomy;ileostomy;urostomy
tracheostomy|0.0001|respiratory||trach;tracheotomy
home ventilation|0.00005|respiratory,rare||home ventilator
peg tube|0.0005|gastrointestinal||peg;peg feeding;nasogastric tube
pacemaker|0.005|cardiovascular||icd;implantable defibrillator
lvad|0.000005|cardiovascular,rare||left ventricular assist device
ivf|0.002|fertility||in vitro fertilisation;icsi
gender dysphoria|0.0008|gender||gender reassignment;transgender;trans woman;trans man
intersex|0.0002|gender,rare||differences of sex development;dsd
alcohol dependence|0.01|addiction|w|alcoholism;alcoholic;alcohol use disorder
opioid dependence|0.005|addiction||heroin addiction;heroin user;methadone programme
drug misuse|0.01|addiction|w|substance misuse;drug addiction
gambling addiction|0.005|addiction||problem gambling
self-harm|0.006|mental health||self harm;cutting
suicide attempt|0.001|mental health||attempted suicide;overdose
smoker|0.13|lifestyle|w|smokes;smoking
obesity|0.26|lifestyle|w|obese;morbid obesity;bmi over 40
pots|0.002|cardiovascular||postural tachycardia syndrome;postural orthostatic tachycardia syndrome
mcas|0.0002|immunological,rare||mast cell activation syndrome
arfid|0.003|mental health||avoidant restrictive food intake disorder
pandas|0.00005|neurological,rare||
sudden cardiac arrest|0.0005|cardiovascular||cardiac arrest
sudden infant death|0.00003|infant,rare||sids;cot death
neonatal abstinence syndrome|0.00005|infant,rare||
prematurity|0.008|infant||premature baby;born prematurely;extremely premature;micro-preemie
conjoined twins|0.00000002|congenital,rare||
anencephaly|0.00002|congenital,rare||
craniosynostosis|0.0005|congenital,rare||
microcephaly|0.0002|congenital,rare||
progeria|0.00000002|genetic,rare||hutchinson-gilford progeria
fibrodysplasia ossificans progressiva|0.000001|genetic,rare||fop;stone man syndrome
xeroderma pigmentosum|0.000004|genetic,rare||
alkaptonuria|0.000004|genetic,rare||
maple syrup urine disease|0.000005|genetic,rare||msud
mcadd|0.0001|genetic,rare||medium-chain acyl-coa dehydrogenase deficiency
galactosaemia|0.00002|genetic,rare||galactosemia
homocystinuria|0.000005|genetic,rare||
mucopolysaccharidosis|0.00001|genetic,rare||mps;hurler syndrome;hunter syndrome
adrenoleukodystrophy|0.00005|genetic,rare||ald
leigh syndrome|0.00002|genetic,rare||mitochondrial disease
charcot-marie-tooth disease|0.0004|genetic,rare||cmt;charcot marie tooth
hereditary spastic paraplegia|0.00003|genetic,rare||hsp
von hippel-lindau disease|0.00003|genetic,rare||vhl
lynch syndrome|0.003|genetic||hnpcc
brca mutation|0.003|genetic||brca1;brca2;brca carrier
familial hypercholesterolaemia|0.004|genetic||fh;familial hypercholesterolemia
li-fraumeni syndrome|0.00005|genetic,rare||
noonan syndrome|0.0005|genetic,rare||
cornelia de lange syndrome|0.00003|genetic,rare||
cri du chat syndrome|0.00002|genetic,rare||
smith-magenis syndrome|0.00004|genetic,rare||
kabuki syndrome|0.00003|genetic,rare||
charge syndrome|0.0001|genetic,rare||
sturge-weber syndrome|0.00002|genetic,rare||
moyamoya disease|0.00001|neurological,rare||moyamoya
takotsubo cardiomyopathy|0.00005|cardiovascular,rare||broken heart syndrome;takotsubo
spontaneous coronary artery dissection|0.00002|cardiovascular,rare||scad
aortic dissection|0.00005|cardiovascular,rare||
kawasaki|0.00001|rare||
addisonian crisis|0.00001|endocrine,rare||
phaeochromocytoma|0.00002|endocrine,rare||pheochromocytoma
carcinoid syndrome|0.00005|cancer,rare||neuroendocrine tumour;net
cholangiocarcinoma|0.00003|cancer,rare||bile duct cancer
ocular melanoma|0.00001|cancer,rare||uveal melanoma
merkel cell carcinoma|0.000005|cancer,rare||
gestational trophoblastic disease|0.00001|pregnancy,rare||molar pregnancy
amniotic fluid embolism|0.0000005|pregnancy,rare||
placenta accreta|0.00005|pregnancy,rare||
hellp syndrome|0.00005|pregnancy,rare||
urinary tract infection|0.03|infectious|w|uti;cystitis
cellulitis|0.005|infectious|w|
shingles|0.003|infectious|w|herpes zoster
chickenpox|0.005|infectious|w|varicella
scarlet fever|0.0005|infectious||
glandular fever|0.001|infectious||infectious mononucleosis
hand foot and mouth disease|0.001|infectious||
impetigo|0.003|infectious|w|
scabies|0.002|infectious|w|
norovirus|0.01|infectious|w|
influenza|0.05|infectious|w|flu
bronchiolitis|0.002|infectious|w|rsv
croup|0.002|infectious|w|
tonsillitis|0.01|infectious|w|quinsy
otitis media|0.01|ear|w|ear infection
conjunctivitis|0.02|eye|w|
shingles vaccine|0.01|prevention|w|
chlamydia|0.003|sexual health|w|
gonorrhoea|0.001|sexual health||gonorrhea
syphilis|0.0001|sexual health||
genital herpes|0.005|sexual health||
hpv|0.05|sexual health|w|genital warts
pelvic inflammatory disease|0.001|sexual health||pid
bacterial vaginosis|0.02|sexual health|w|
thrush|0.03|infectious|w|candidiasis
toxoplasmosis|0.0001|infectious,rare||
listeriosis|0.000003|infectious,rare||listeria
leptospirosis|0.000002|infectious,rare||weil's disease
q fever|0.000001|infectious,rare||
brucellosis|0.0000002|infectious,rare||
typhoid|0.000005|infectious,rare||typhoid fever
cholera|0.0000002|infectious,rare||
dengue|0.000005|infectious,rare||dengue fever
zika|0.0000005|infectious,rare||zika virus
rabies|0.00000001|infectious,rare||
tetanus|0.0000001|infectious,rare||
diphtheria|0.00000005|infectious,rare||
polio|0.00000001|infectious,rare||poliomyelitis
leprosy|0.0000002|infectious,rare||hansen's disease
botulism|0.00000005|infectious,rare||
anthrax|0.00000001|infectious,rare||
c diff|0.0002|infectious||clostridium difficile;c. difficile
mrsa|0.001|infectious||
esbl|0.001|infectious||
osteomyelitis|0.0002|infectious||
septic arthritis|0.0001|infectious||
discitis|0.00002|infectious,rare||
spinal abscess|0.00001|infectious,rare||epidural abscess
brain abscess|0.000005|infectious,rare||
carbon monoxide poisoning|0.00005|poisoning||co poisoning
paracetamol overdose|0.0005|poisoning||
lead poisoning|0.000005|poisoning,rare||
heat stroke|0.00005|environmental||heatstroke
hypothermia|0.0001|environmental||
frostbite|0.00001|environmental||
snake bite|0.000001|environmental,rare||adder bite
carpal tunnel syndrome|0.05|musculoskeletal|w|
frozen shoulder|0.02|musculoskeletal|w|adhesive capsulitis
tennis elbow|0.02|musculoskeletal|w|
plantar fasciitis|0.02|musculoskeletal|w|
achilles tendon rupture|0.0002|musculoskeletal||ruptured achilles
anterior cruciate ligament injury|0.0005|musculoskeletal||acl tear;acl rupture
meniscal tear|0.002|musculoskeletal||torn meniscus
rotator cuff tear|0.005|musculoskeletal||
sciatica|0.03|musculoskeletal|w|
back pain|0.2|musculoskeletal|w|low back pain
cauda equina syndrome|0.00005|neurological,rare||
spinal stenosis|0.005|musculoskeletal||
herniated disc|0.01|musculoskeletal||slipped disc;prolapsed disc
whiplash|0.005|musculoskeletal|w|
dupuytren's contracture|0.005|musculoskeletal||dupuytren's
bunion|0.02|musculoskeletal|w|hallux valgus
osteogenic sarcoma|0.00001|cancer,rare||
bone cancer|0.00005|cancer,rare||
skin cancer|0.01|cancer|w|basal cell carcinoma;bcc;squamous cell carcinoma;scc
kaposi sarcoma|0.000005|cancer,rare||
penile cancer|0.00002|cancer,rare||
vulval cancer|0.00002|cancer,rare||vulvar cancer
anal cancer|0.00002|cancer,rare||
eye cancer|0.00001|cancer,rare||
childhood cancer|0.0003|cancer||
womb cancer|0.0004|cancer||endometrial cancer;uterine cancer
brain metastases|0.0002|cancer||
metastatic cancer|0.002|cancer||metastatic;secondaries
terminal illness|0.002|end of life||terminally ill;end of life;palliative
heart murmur|0.01|cardiovascular|w|
mitral regurgitation|0.005|cardiovascular||
mitral valve prolapse|0.02|cardiovascular||
pericarditis|0.0003|cardiovascular||
myocarditis|0.0001|cardiovascular||
svt|0.002|cardiovascular||supraventricular tachycardia
heart block|0.001|cardiovascular||complete heart block
bradycardia|0.01|cardiovascular|w|
varicose veins|0.1|cardiovascular|w|
leg ulcer|0.002|skin||venous leg ulcer
pressure ulcer|0.001|skin||pressure sore;bed sore
carotid stenosis|0.002|cardiovascular||
subarachnoid haemorrhage|0.00008|neurological||subarachnoid hemorrhage;sah
brain haemorrhage|0.0002|neurological||brain bleed;intracerebral haemorrhage
brain aneurysm|0.003|neurological||cerebral aneurysm
hypoglycaemia|0.005|endocrine|w|hypo;hypos;hypoglycemia
diabetic ketoacidosis|0.0002|endocrine||dka
gestational diabetes|0.003|pregnancy||
prediabetes|0.1|endocrine|w|pre-diabetes
hyperparathyroidism|0.001|endocrine||
hypopituitarism|0.00005|endocrine,rare||
diabetes insipidus|0.00003|endocrine,rare||
prolactinoma|0.0001|endocrine,rare||pituitary tumour
congenital adrenal hyperplasia|0.00007|endocrine,genetic,rare||cah
kidney stones|0.01|renal|w|renal colic
acute kidney injury|0.002|renal|w|aki
urinary incontinence|0.05|renal|w|incontinence
benign prostatic hyperplasia|0.05|renal|w|bph;enlarged prostate
erectile dysfunction|0.05|sexual health|w|
premature ovarian insufficiency|0.01|gynaecological||early menopause
fibroids|0.05|gynaecological|w|
ovarian cyst|0.01|gynaecological|w|
vulvodynia|0.01|gynaecological||
postnatal depression|0.01|mental health||postpartum depression
postpartum psychosis|0.00002|mental health,rare||puerperal psychosis
body dysmorphic disorder|0.002|mental health||bdd
hoarding disorder|0.002|mental health||
dementia praecox|0.00001|mental health,rare||
selective mutism|0.0007|mental health||
insomnia|0.1|mental health|w|
panic disorder|0.01|mental health||panic attacks
social anxiety|0.02|mental health||
agoraphobia|0.005|mental health||
dissociative identity disorder|0.0002|mental health,rare||multiple personality disorder
delirium|0.003|neurological|w|
neuropathy|0.02|neurological|w|peripheral neuropathy
motor tics|0.005|neurological||tics
chronic pain|0.2|pain|w|
complex regional pain syndrome|0.0003|pain,rare||crps
endometrial hyperplasia|0.001|gynaecological||
anal fissure|0.005|gastrointestinal|w|
haemorrhoids|0.05|gastrointestinal|w|piles;hemorrhoids
peptic ulcer|0.005|gastrointestinal|w|stomach ulcer;gastric ulcer
gord|0.1|gastrointestinal|w|gerd;acid reflux;reflux
barrett's oesophagus|0.002|gastrointestinal||barrett's esophagus
hiatus hernia|0.05|gastrointestinal|w|
coeliac crisis|0.000001|gastrointestinal,rare||
bowel obstruction|0.0005|gastrointestinal||
volvulus|0.00005|gastrointestinal,rare||
intussusception|0.00005|gastrointestinal,rare||
pyloric stenosis|0.0002|gastrointestinal,rare||
necrotising enterocolitis|0.00005|infant,rare||nec;necrotizing enterocolitis
neonatal jaundice|0.005|infant||
tongue tie|0.005|infant||
colic|0.02|infant|w|
failure to thrive|0.002|infant||faltering growth
febrile convulsion|0.003|infant||febrile seizure
kawasaki syndrome|0.00001|rare||
henoch-schonlein purpura|0.0002|rare||hsp;iga vasculitis
juvenile idiopathic arthritis|0.0005|musculoskeletal||jia
growth hormone deficiency|0.0003|endocrine,rare||
precocious puberty|0.0005|endocrine||
delayed puberty|0.001|endocrine||
undescended testicle|0.002|congenital||cryptorchidism
hypospadias|0.002|congenital||
club foot|0.001|congenital||
torticollis|0.002|musculoskeletal||
""".strip()

OCCUPATIONS = """
gp|%g|medical practitioners,health professionals|w|general practitioner;family doctor
surgeon|%g|medical practitioners,health professionals|w|orthopaedic surgeon;orthopod
nurse|%g|nursing professionals,health professionals|w|staff nurse;district nurse;practice nurse;ward sister
midwife|%g|nursing professionals,health professionals|w|
paramedic|%g|health professionals|w|
pharmacist|%g|health professionals|w|
dentist|%g|health professionals|w|
physiotherapist|%g|health professionals|w|physio
occupational therapist|%g|health professionals|w|
radiographer|%g|health professionals|w|
optician|%g|health professionals|w|optometrist
vet|%g|health professionals|w|veterinary surgeon;vet nurse
care worker|%g|caring personal services|w|carer;care assistant;healthcare assistant;support worker
primary school teacher|%g|teaching professionals|w|primary teacher;primary schoolteacher
secondary school teacher|%g|teaching professionals|w|secondary teacher;maths teacher;pe teacher;science teacher;english teacher
teacher|%g|teaching professionals|w|schoolteacher
headteacher|%g|teaching professionals|w|head teacher;headmistress;headmaster;head of the school
teaching assistant|%g|teaching professionals|w|ta
nursery nurse|%g|childcare|w|nursery worker;childminder
lecturer|%g|teaching professionals|w|university lecturer;professor
police officer|%g|protective services|w|policeman;policewoman;pc;detective;police constable
firefighter|%g|protective services|w|fireman
prison officer|%g|protective services|w|prison guard
soldier|%g|armed forces|w|army officer;serving soldier;squaddie;paratrooper;royal marine;marine
raf pilot|%g|armed forces|w|raf;air force
sailor|%g|armed forces|w|royal navy;navy
pilot|%g|transport|w|airline pilot
flight attendant|%g|transport|w|cabin crew;air steward;stewardess
lorry driver|%g|drivers|w|hgv driver;trucker
delivery driver|%g|drivers|w|van driver;courier
taxi driver|%g|drivers|w|cabbie;uber driver
bus driver|%g|drivers|w|
train driver|%g|drivers|w|
postman|%g|elementary|w|postwoman;postie
farmer|%g|agriculture|w|dairy farmer;sheep farmer;hill farmer
farm worker|%g|agriculture|w|farmhand
shepherd|%g|agriculture|w|
gamekeeper|%g|agriculture|w|
beekeeper|%g|agriculture|w|
fisherman|%g|agriculture|w|trawlerman;fishermen
gardener|%g|skilled trades|w|landscaper
tree surgeon|%g|skilled trades|w|
electrician|%g|skilled trades|w|sparky
plumber|%g|skilled trades|w|
builder|%g|skilled trades|w|bricklayer;labourer;construction worker
carpenter|%g|skilled trades|w|joiner
roofer|%g|skilled trades|w|
scaffolder|%g|skilled trades|w|
welder|%g|skilled trades|w|
mechanic|%g|skilled trades|w|car mechanic
painter and decorator|%g|skilled trades|w|decorator
chef|%g|skilled trades|w|cook
baker|%g|skilled trades|w|
butcher|%g|skilled trades|w|
hairdresser|%g|personal services|w|barber;hair stylist
beautician|%g|personal services|w|nail technician;beauty therapist
tattoo artist|%g|personal services|w|tattooist
cleaner|%g|elementary|w|
waiter|%g|elementary|w|waitress
bartender|%g|elementary|w|barman;barmaid;bar staff
publican|%g|managers|w|pub landlord;landlady
shop assistant|%g|sales|w|shop worker;sales assistant;cashier
receptionist|%g|administrative|w|
secretary|%g|administrative|w|pa;personal assistant
accountant|%g|business professionals|w|
solicitor|%g|legal professionals|w|lawyer
barrister|%g|legal professionals|w|
judge|%g|legal professionals|w|magistrate
social worker|%g|welfare professionals|w|
software developer|%g|it professionals|w|programmer;software engineer;web developer
engineer|%g|engineering professionals|w|civil engineer;mechanical engineer
architect|%g|professionals|w|
journalist|%g|media|w|reporter
photographer|%g|media|w|
actor|%g|media|w|actress
musician|%g|media|w|singer;guitarist;drummer;violinist;pianist
artist|%g|media|w|painter;sculptor
writer|%g|media|w|author;novelist;poet
estate agent|%g|sales|w|
banker|%g|business professionals|w|
civil servant|%g|administrative|w|
security guard|%g|protective services|w|bouncer;doorman
lifeguard|%g|protective services|w|
coastguard|%g|protective services|w|lifeboat crew;lifeboatman;rnli volunteer
mountain rescue volunteer|%g|protective services|w|mountain rescue
personal trainer|%g|leisure|w|fitness instructor
driving instructor|%g|teaching professionals|w|
air traffic controller|%g|transport|w|
miner|%g|process operatives|w|coal miner
oil rig worker|%g|process operatives|w|offshore worker;rig worker
factory worker|%g|process operatives|w|
refuse collector|%g|elementary|w|binman
window cleaner|%g|elementary|w|
funeral director|%g|personal services|w|undertaker
florist|%g|skilled trades|w|
zookeeper|%g|agriculture|w|
jockey|%g|leisure|w|
vicar|%g|religious|w|priest;rabbi;imam;minister of religion;curate
student|%g|students|w|university student;medical student;sixth former
retired|%g|retired|w|pensioner;retiree
unemployed|%g|not working|w|out of work;jobseeker
""".strip()

OCC_COUNTS = [37000, 15000, 680000, 40000, 35000, 60000, 35000, 60000, 40000, 40000, 17000, 55000,
  1500000, 230000, 250000, 600000, 30000, 500000, 230000, 150000, 150000, 45000, 25000, 75000, 30000, 30000, 15000,
  25000, 300000, 250000, 150000, 100000, 25000, 130000, 130000, 100000, 5000, 5000, 25000, 12000, 150000, 10000,
  250000, 150000, 350000, 200000, 40000, 25000, 70000, 200000, 150000, 250000, 40000, 30000, 250000, 90000, 10000,
  600000, 250000, 150000, 40000, 1000000, 350000, 300000, 300000, 160000, 17000, 15000, 100000, 450000, 600000,
  45000, 70000, 70000, 50000, 80000, 60000, 80000, 80000, 250000, 500000, 200000, 20000, 8000, 3500, 60000, 40000,
  3000, 5000, 30000, 400000, 30000, 30000, 20000, 20000, 5000, 1000, 20000, 2800000, 12000000, 1300000]

OCCUPATIONS2 = """
accountancy clerk|150000|administrative|w|bookkeeper;payroll clerk
admin assistant|600000|administrative|w|administrator;office manager;office worker
call centre worker|400000|sales|w|call centre agent;customer service adviser
sales manager|300000|managers|w|sales rep;sales representative
marketing manager|200000|managers|w|marketing executive
project manager|300000|managers|w|
hr manager|150000|managers|w|human resources;recruiter
shop manager|250000|managers|w|store manager;retail manager
restaurant manager|60000|managers|w|
hotel manager|30000|managers|w|
care home manager|20000|managers|w|
practice manager|10000|managers|w|
bank clerk|80000|administrative|w|bank teller;cashier at the bank
insurance broker|40000|business professionals|w|loss adjuster
actuary|15000|business professionals|w|
economist|20000|business professionals|w|
management consultant|100000|business professionals|w|
it support|150000|it professionals|w|it technician;helpdesk
data analyst|80000|it professionals|w|data scientist
web designer|40000|media|w|graphic designer;designer
scientist|90000|science professionals|w|researcher;research scientist;lab technician;biologist;chemist
laboratory technician|50000|science professionals|w|biomedical scientist
surveyor|60000|professionals|w|quantity surveyor
town planner|25000|professionals|w|planning officer
librarian|20000|professionals|w|
museum curator|8000|professionals|w|curator;archivist
interpreter|15000|professionals|w|translator
clergyman|20000|religious|w|chaplain;pastor;minister
youth worker|40000|welfare professionals|w|
probation officer|15000|welfare professionals|w|
counsellor|60000|welfare professionals|w|therapist;psychotherapist
psychologist|30000|health professionals|w|clinical psychologist;educational psychologist
speech therapist|18000|health professionals|w|speech and language therapist;salt
dietitian|10000|health professionals|w|nutritionist
podiatrist|10000|health professionals|w|chiropodist
osteopath|6000|health professionals|w|chiropractor
healthcare assistant|300000|caring personal services|w|hca;nursing assistant
phlebotomist|10000|caring personal services|w|
porter|30000|elementary|w|hospital porter
ambulance technician|15000|health professionals|w|emergency care assistant
school nurse|3000|nursing professionals|w|
health visitor|8000|nursing professionals|w|
district nurse|6000|nursing professionals|w|community nurse
mental health nurse|40000|nursing professionals|w|cpn
dental nurse|50000|health professionals|w|dental hygienist
veterinary nurse|25000|health professionals|w|
pharmacy technician|25000|health professionals|w|pharmacy assistant
optical assistant|15000|health professionals|w|
school cook|40000|elementary|w|dinner lady;lunchtime supervisor
school caretaker|30000|elementary|w|caretaker;janitor
groundsman|20000|elementary|w|greenkeeper
warehouse worker|400000|elementary|w|warehouse operative;picker;packer
forklift driver|60000|drivers|w|
van driver|200000|drivers|w|
ambulance driver|10000|drivers|w|
tractor driver|10000|agriculture|w|
train conductor|20000|transport|w|guard on the trains;ticket inspector
ferry worker|5000|transport|w|deckhand
docker|15000|transport|w|dock worker;stevedore
seafarer|20000|transport|w|merchant navy
pilot boat|500|transport|w|harbour master
postmaster|8000|managers|w|postmistress;sub-postmaster
shopkeeper|100000|managers|w|newsagent;corner shop owner
market trader|30000|sales|w|stallholder
self-employed|4200000|self-employed|w|runs his own business;runs her own business;own business
company director|500000|managers|w|director
entrepreneur|100000|managers|w|business owner
landlord|200000|property|w|letting agent
farm manager|20000|agriculture|w|estate manager
stockman|10000|agriculture|w|cattle farmer;pig farmer;poultry farmer
fruit picker|30000|agriculture|w|seasonal worker
forester|10000|agriculture|w|forestry worker
fish farmer|3000|agriculture|w|
horse trainer|5000|leisure|w|racehorse trainer;stable lad;groom
dog walker|10000|personal services|w|dog groomer;kennel worker
nanny|40000|childcare|w|au pair
foster carer|45000|childcare|w|
cleaner at the school|20000|elementary|w|
kitchen porter|60000|elementary|w|
barista|80000|elementary|w|
delivery rider|60000|drivers|w|deliveroo rider;cycle courier
gig worker|500000|elementary|w|zero hours
plasterer|50000|skilled trades|w|
tiler|30000|skilled trades|w|
glazier|20000|skilled trades|w|
locksmith|10000|skilled trades|w|
upholsterer|5000|skilled trades|w|
tailor|10000|skilled trades|w|seamstress;dressmaker
jeweller|10000|skilled trades|w|
printer|30000|skilled trades|w|
gas engineer|70000|skilled trades|w|gas fitter;heating engineer
telecoms engineer|60000|skilled trades|w|bt engineer
lift engineer|8000|skilled trades|w|
aircraft engineer|20000|skilled trades|w|
auto electrician|10000|skilled trades|w|
crane operator|10000|process operatives|w|
machine operator|150000|process operatives|w|machinist
quarry worker|8000|process operatives|w|
steelworker|30000|process operatives|w|steel worker
power station worker|10000|process operatives|w|
nuclear worker|20000|process operatives|w|sellafield
mp's researcher|2000|public office|w|parliamentary researcher
diplomat|5000|public office|w|ambassador
police community support officer|8000|protective services|w|pcso
special constable|10000|protective services|w|
traffic warden|5000|protective services|w|civil enforcement officer
bailiff|3000|protective services|w|enforcement agent
customs officer|10000|protective services|w|border force
paramedic practitioner|3000|health professionals|w|
air ambulance crew|1000|health professionals|w|
professional footballer|5000|sport|w|footballer
professional rugby player|2000|sport|w|rugby player
cricketer|2000|sport|w|
jockey|1000|sport|w|
boxer|2000|sport|w|professional boxer
golfer|1500|sport|w|golf professional
cyclist|1000|sport|w|professional cyclist
dancer|20000|media|w|ballet dancer
singer-songwriter|10000|media|w|
comedian|5000|media|w|stand-up comedian
tv producer|20000|media|w|producer
film director|5000|media|w|
radio presenter|3000|media|w|dj
blogger|20000|media|w|content creator
"""

EVENTS = """
triplets|0.00002|multiple birth||triplet
quadruplets|0.0000005|multiple birth||quads;quintuplets
twins|0.03|multiple birth|w|twin pregnancy;identical twins
lottery win|0.00001|windfall||won the lottery;lottery winner;euromillions
road traffic collision|0.002|accident|w|rtc;car crash;car accident;road accident;motorbike accident;motorcycle accident
farm accident|0.00005|accident||tractor accident;quad bike accident
horse riding accident|0.00005|accident||fell from a horse;thrown from his horse;thrown from her horse
house fire|0.0003|accident||fire at the house;caught fire
drowning|0.00001|accident||near drowning;nearly drowned
rescue|0.0001|rescue||rescued;airlifted;air ambulance;lifeboat rescue;mountain rescue team;coastguard helicopter
lightning strike|0.0000005|accident,rare||struck by lightning
dog attack|0.0001|accident||mauled;dog bite
stabbing|0.00005|violence||stabbed;knife attack
shooting|0.00001|violence||gunshot wound;shot
murder|0.00001|crime||murdered;manslaughter
court case|0.0005|crime||in court;trial;convicted;jailed;sentenced;tribunal
prison sentence|0.0013|crime||in prison;prisoner;inmate;on remand
local news|0.0001|publicity||in the paper;front page;local paper;gazette;on the news;made the news;headlines;went viral
marathon|0.001|sport|w|ran a marathon;ultramarathon;ironman
olympics|0.00001|sport||olympian;paralympian;olympic;paralympic
centenarian|0.0002|age event||100th birthday;hundredth birthday;telegram from the king
first in the uk|0.00000005|first||first case in the uk;first in the country;world first
organ donor|0.0001|transplant||donated a kidney;living donor
flood|0.0005|disaster||flooded;flooding
eviction|0.0005|housing||evicted;homeless;rough sleeping;homeless shelter
bankruptcy|0.0005|finance||bankrupt;debt collectors
adoption|0.0008|family event||adopted;adoptive parents
surrogacy|0.00002|family event||surrogate
fostering|0.001|family event||foster carer;foster child;in foster care;looked after child
bereavement|0.01|family event|w|lost her husband;lost his wife
""".strip()

FAMILY = """
widow|0.03|marital status|w|widower;widowed
divorced|0.08|marital status|w|divorcee
single mother|0.02|family structure|w|single mum;single parent;single dad;lone parent
mother of five|0.003|family structure||five children;5 kids;mother of six;six children;father of five;father of six
large family|0.002|family structure||eight children;seven children;ten children;mother of eight
only child|0.1|family structure|w|
grandmother|0.1|family structure|w|grandfather;grandparent;great-grandmother;great grandmother;great-grandfather
lives alone|0.12|household|w|living alone
care home resident|0.006|household||lives in a care home;nursing home resident;in a nursing home
""".strip()

ETHNICITY = """
white british|0.74|ethnicity|w|
polish|0.01|nationality|w|pole
romanian|0.008|nationality|w|
lithuanian|0.002|nationality|w|
portuguese|0.003|nationality|w|
italian|0.003|nationality|w|
spanish|0.002|nationality|w|
french|0.002|nationality|w|
german|0.002|nationality|w|
irish|0.007|nationality|w|
scottish|0.08|nationality|w|scot
welsh|0.045|nationality|w|
indian|0.031|ethnicity|w|
pakistani|0.027|ethnicity|w|
bangladeshi|0.011|ethnicity|w|
chinese|0.007|ethnicity|w|
filipino|0.002|ethnicity|w|
sri lankan|0.002|ethnicity|w|tamil
nigerian|0.004|ethnicity|w|
ghanaian|0.002|ethnicity|w|
somali|0.002|ethnicity|w|
eritrean|0.0005|ethnicity|w|
sudanese|0.0005|ethnicity|w|
ethiopian|0.0005|ethnicity|w|
zimbabwean|0.001|ethnicity|w|
afghan|0.001|ethnicity|w|
syrian|0.001|ethnicity|w|
iraqi|0.001|ethnicity|w|
iranian|0.001|ethnicity|w|
kurdish|0.001|ethnicity|w|kurd
turkish|0.002|ethnicity|w|
ukrainian|0.003|nationality|w|
russian|0.001|nationality|w|
dutch|0.0007|nationality|w|
greek|0.001|nationality|w|
swedish|0.0003|nationality|w|
danish|0.0002|nationality|w|
norwegian|0.0001|nationality|w|
finnish|0.0001|nationality|w|
belgian|0.0002|nationality|w|
swiss|0.0001|nationality|w|
austrian|0.0001|nationality|w|
hungarian|0.001|nationality|w|
czech|0.0005|nationality|w|
slovak|0.0008|nationality|w|
bulgarian|0.002|nationality|w|
latvian|0.001|nationality|w|
estonian|0.0002|nationality|w|
albanian|0.0007|nationality|w|
american|0.002|nationality|w|
canadian|0.0005|nationality|w|
australian|0.0015|nationality|w|
brazilian|0.001|nationality|w|
japanese|0.0004|ethnicity|w|
korean|0.0003|ethnicity|w|
thai|0.0005|ethnicity|w|
egyptian|0.0005|ethnicity|w|
moroccan|0.0003|ethnicity|w|
kenyan|0.002|ethnicity|w|
south african|0.004|nationality|w|
vietnamese|0.0005|ethnicity|w|
nepalese|0.001|ethnicity|w|gurkha
black african|0.025|ethnicity|w|
black caribbean|0.01|ethnicity|w|jamaican
mixed race|0.03|ethnicity|w|dual heritage
gypsy|0.001|ethnicity||traveller;irish traveller;roma;romany
jewish|0.005|religion|w|orthodox jewish;haredi;hasidic
muslim|0.065|religion|w|
sikh|0.009|religion|w|
hindu|0.017|religion|w|
jehovah's witness|0.002|religion||jehovah's witnesses
amish|0.0000001|religion,rare||
welsh speaker|0.009|language||welsh-speaking;speaks welsh
gaelic speaker|0.001|language||speaks gaelic
bsl user|0.0002|language||uses bsl;british sign language
needs an interpreter|0.01|language||through an interpreter;via an interpreter;speaks no english;little english
""".strip()

PHYSICAL = """
wheelchair user|0.018|mobility|w|in a wheelchair;wheelchair-bound;wheelchair bound
prosthetic leg|0.0006|mobility||prosthetic limb;artificial leg;one leg;lost a leg
one arm|0.0002|limb||lost an arm;prosthetic arm
red hair|0.06|hair|w|ginger;redhead
facial tattoo|0.0005|appearance||face tattoo;tattooed face
port wine stain|0.003|appearance||birthmark on her face;birthmark on his face
very tall|0.003|height||6ft 8;six foot eight;seven foot;7 foot
very short|0.001|height||under five foot;4ft 10
facial scar|0.01|appearance||scar on his face;scar on her face
guide dog|0.0001|assistance||guide dog owner
""".strip()

PUBLIC = """
mp|0.00001|public office||member of parliament
mayor|0.000006|public office||lord mayor;town mayor
councillor|0.0003|public office||local councillor;cllr
vicar|0.0003|religious office|w|the vicar;parish priest;rector
bishop|0.000002|religious office||archbishop
footballer|0.00007|sport||premier league footballer;professional footballer;plays for
rugby international|0.000005|sport||england rugby;international rugby player
cricketer|0.00002|sport||county cricketer;england cricketer
celebrity|0.00001|fame||famous;well-known;well known;household name;tv personality
tv presenter|0.000005|fame||news presenter;weather presenter;newsreader;broadcaster
influencer|0.0001|fame||youtuber;tiktoker;instagram famous
chief constable|0.0000007|public office||police chief
chief executive|0.00005|public office||ceo;managing director
head of the council|0.000005|public office||council leader
local landowner|0.00003|local standing||lord of the manor;laird;owns the estate
""".strip()

SEX = """
F|woman;lady;girl;female;mother;mum;wife;daughter;sister;grandmother;gran;nan;aunt;niece;widow;she;her;herself;mrs;ms;miss;schoolgirl;mum-of-two;mother-of-two
M|man;gentleman;gent;chap;bloke;boy;male;father;dad;husband;son;brother;grandfather;grandad;uncle;nephew;widower;he;him;his;himself;mr;schoolboy;lad;fella
""".strip()

RELATIVE_TIMES = """
@-1d|yesterday;last night;yesterday evening;yesterday morning
@0d|today;this morning;this afternoon;tonight;this evening
@-7d|last week;a week ago
@-2d|the day before yesterday
@-30d|last month;a month ago
@-365d|last year;a year ago
@md:12-25|christmas day
@md:12-26|boxing day
@md:12-31|new year's eve
@md:01-01|new year's day
@md:11-05|bonfire night;guy fawkes night
@md:02-14|valentine's day
@md:10-31|halloween
@dow:1|last monday
@dow:2|last tuesday
@dow:3|last wednesday
@dow:4|last thursday
@dow:5|last friday
@dow:6|last saturday
@dow:0|last sunday
""".strip()

PLACES_EXTRA = """
england|56500000|united kingdom
scotland|5450000|united kingdom
wales|3100000|united kingdom
northern ireland|1900000|united kingdom
anglesey|69000|wales
isle of wight|140000|south east,england
isles of scilly|2100|cornwall,south west,england
orkney|22000|scotland
shetland|23000|scotland
outer hebrides|26000|scotland
western isles|26000|scotland
isle of skye|10000|highland,scotland
skye|10000|highland,scotland
isle of mull|3000|argyll and bute,scotland
islay|3200|argyll and bute,scotland
arran|4600|north ayrshire,scotland
lindisfarne|180|northumberland,north east,england
lake district|40000|cumbria,north west,england
the dales|20000|north yorkshire,yorkshire and the humber,england
yorkshire dales|20000|north yorkshire,yorkshire and the humber,england
peak district|38000|derbyshire,east midlands,england
cotswolds|139000|gloucestershire,south west,england
cornwall|570000|south west,england
devon|1200000|south west,england
cumbria|500000|north west,england
north yorkshire|620000|yorkshire and the humber,england
yorkshire|5500000|england
lancashire|1500000|north west,england
norfolk|920000|east of england,england
suffolk|760000|east of england,england
kent|1600000|south east,england
essex|1500000|east of england,england
northumberland|320000|north east,england
county durham|520000|north east,england
highlands|235000|scotland
fife|370000|scotland
powys|133000|wales
gwynedd|117000|wales
pembrokeshire|123000|wales
ceredigion|71000|wales
shropshire|323000|west midlands,england
herefordshire|187000|west midlands,england
lincolnshire|770000|east midlands,england
derbyshire|800000|east midlands,england
dorset|380000|south west,england
somerset|570000|south west,england
wiltshire|510000|south west,england
hampshire|1400000|south east,england
surrey|1200000|south east,england
sussex|1700000|south east,england
berkshire|920000|south east,england
oxfordshire|690000|south east,england
gloucestershire|650000|south west,england
cheshire|1100000|north west,england
merseyside|1400000|north west,england
greater manchester|2900000|north west,england
west midlands|2900000|england
tyne and wear|1100000|north east,england
alabama|5000000|abroad,us
alaska|730000|abroad,us
arizona|7300000|abroad,us
arkansas|3000000|abroad,us
california|39000000|abroad,us
colorado|5800000|abroad,us
connecticut|3600000|abroad,us
delaware|1000000|abroad,us
florida|22000000|abroad,us
georgia|11000000|abroad,us
hawaii|1400000|abroad,us
idaho|1900000|abroad,us
illinois|12500000|abroad,us
indiana|6800000|abroad,us
iowa|3200000|abroad,us
kansas|2900000|abroad,us
kentucky|4500000|abroad,us
louisiana|4600000|abroad,us
maine|1400000|abroad,us
maryland|6200000|abroad,us
massachusetts|7000000|abroad,us
michigan|10000000|abroad,us
minnesota|5700000|abroad,us
mississippi|2900000|abroad,us
missouri|6200000|abroad,us
montana|1100000|abroad,us
nebraska|2000000|abroad,us
nevada|3200000|abroad,us
new hampshire|1400000|abroad,us
new jersey|9300000|abroad,us
new mexico|2100000|abroad,us
new york|19600000|abroad,us
north carolina|10700000|abroad,us
north dakota|780000|abroad,us
ohio|11800000|abroad,us
oklahoma|4000000|abroad,us
oregon|4200000|abroad,us
pennsylvania|13000000|abroad,us
rhode island|1100000|abroad,us
south carolina|5300000|abroad,us
south dakota|900000|abroad,us
tennessee|7000000|abroad,us
texas|30000000|abroad,us
utah|3400000|abroad,us
vermont|650000|abroad,us
virginia|8700000|abroad,us
washington|7800000|abroad,us
west virginia|1800000|abroad,us
wisconsin|5900000|abroad,us
wyoming|580000|abroad,us
washington dc|680000|abroad,us
ireland|5100000|abroad
republic of ireland|5100000|abroad
france|68000000|abroad
germany|84000000|abroad
spain|48000000|abroad
portugal|10000000|abroad
italy|59000000|abroad
greece|10400000|abroad
poland|37000000|abroad
romania|19000000|abroad
lithuania|2800000|abroad
latvia|1900000|abroad
netherlands|17800000|abroad
belgium|11700000|abroad
switzerland|8800000|abroad
austria|9100000|abroad
sweden|10500000|abroad
norway|5500000|abroad
denmark|5900000|abroad
finland|5600000|abroad
iceland|390000|abroad
turkey|85000000|abroad
cyprus|1250000|abroad
malta|540000|abroad
ukraine|37000000|abroad
russia|144000000|abroad
india|1420000000|abroad
pakistan|240000000|abroad
bangladesh|170000000|abroad
sri lanka|22000000|abroad
nepal|30000000|abroad
china|1410000000|abroad
hong kong|7500000|abroad
japan|124000000|abroad
south korea|52000000|abroad
philippines|117000000|abroad
australia|26000000|abroad
new zealand|5200000|abroad
canada|40000000|abroad
united states|335000000|abroad
usa|335000000|abroad
america|335000000|abroad
mexico|128000000|abroad
brazil|216000000|abroad
argentina|46000000|abroad
jamaica|2800000|abroad
trinidad|1400000|abroad
barbados|280000|abroad
nigeria|220000000|abroad
ghana|34000000|abroad
kenya|55000000|abroad
somalia|18000000|abroad
ethiopia|126000000|abroad
eritrea|3700000|abroad
sudan|48000000|abroad
south africa|62000000|abroad
zimbabwe|16000000|abroad
uganda|48000000|abroad
egypt|112000000|abroad
morocco|37000000|abroad
syria|23000000|abroad
iraq|45000000|abroad
iran|89000000|abroad
afghanistan|42000000|abroad
israel|9800000|abroad
saudi arabia|36000000|abroad
dubai|3600000|abroad
uae|9500000|abroad
""".strip()

def emit(kind, rows, counts=None):
    out = []
    for idx, line in enumerate(rows.splitlines()):
        value, freq, gen, flags, syn = (line.split("|") + ["", "", "", ""])[:5]
        if counts is not None:
            freq = "%.3g" % n(counts[idx])
        phrases = [value] + [x for x in syn.split(";") if x]
        if kind == "condition":
            # Plurals of multi-letter noun phrases ("eating disorders", "kidney stones").
            extra = []
            for p in phrases:
                last = p.split(" ")[-1]
                if len(p) > 4 and last.isalpha() and last[-1] not in "sy" and not (len(last) <= 4 and last.isupper()) and p + "s" not in phrases:
                    extra.append(p + "s")
            phrases += extra
        for p in phrases:
            f = flags
            # Short abbreviations must be written in capitals ("MS", "ALL", "EDS").
            if p != value and len(p) <= 4 and p.replace("-", "").isalpha() and " " not in p and kind == "condition":
                f += "u"
            out.append("\t".join([kind, p, value, freq, gen, f]))
    return out

def main():
    lines = ["# kind\tphrase\tvalue\tfrequency\tgeneralisations\tflags (w weak, u upper case, c capital, p population)",
             "# Hand-compiled; generated by internal/extract/internal/gen/terms.py. Sources in SOURCES.md."]
    lines += emit("condition", CONDITIONS)
    assert len(OCCUPATIONS.splitlines()) == len(OCC_COUNTS), (len(OCCUPATIONS.splitlines()), len(OCC_COUNTS))
    lines += emit("occupation", OCCUPATIONS, OCC_COUNTS)
    occ2 = "\n".join("|".join([v, "%.3g" % n(int(c))] + rest) for v, c, *rest in (l.split("|") for l in OCCUPATIONS2.splitlines() if l.strip()))
    lines += emit("occupation", occ2)
    lines += emit("event", EVENTS)
    lines += emit("family", FAMILY)
    lines += emit("ethnicity", ETHNICITY)
    lines += emit("physical_feature", PHYSICAL)
    lines += emit("public_status", PUBLIC)
    for line in SEX.splitlines():
        v, ws = line.split("|")
        for w in ws.split(";"):
            lines.append("\t".join(["sex", w, v, "0.5", "", "w"]))
    for line in RELATIVE_TIMES.splitlines():
        v, ws = line.split("|")
        for w in ws.split(";"):
            lines.append("\t".join(["date", w, v, "0.003", "", ""]))
    for line in PLACES_EXTRA.splitlines():
        name, pop, gen = line.split("|")
        lines.append("\t".join(["place", name, name, "%.3g" % (int(pop) / UK), gen, "c"]))
    print("\n".join(lines))

main()
