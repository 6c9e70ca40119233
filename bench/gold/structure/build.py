# Generates documents.tsv, notes.tsv, contents.tsv from hand-checked tables below.
import re, os
HERE=os.path.dirname(os.path.abspath(__file__))
SRC='/work/shared/seeds/001_57a5e7fdb55d5ea9.txt'
G2='Second All-Russia Congress of Soviets of Workers\' and Soldiers\' Deputies, October 25-26 (November 7-8), 1917'
G4='Extraordinary Fourth All-Russia Congress of Soviets, March 14-16, 1918'
G6='Extraordinary Sixth All-Russia Congress of Soviets of Workers\', Peasants\', Cossack and Red Army Deputies, November 6-9, 1918'
G8P='Eighth Congress of the R.C.P.(B.), March 18-23, 1919'
G8C='Eighth All-Russia Conference of the R.C.P.(B.), December 2-4, 1919'
G7S='Seventh All-Russia Congress of Soviets, December 5-9, 1919'
G9P='Ninth Congress of the R.C.P.(B.), March 29-April 5, 1920'
GCI='Second Congress of the Communist International, July 19-August 7, 1920'
G9C='Ninth All-Russia Conference of the R.C.P.(B.), September 22-25, 1920'
G8S='Eighth All-Russia Congress of Soviets, December 22-29, 1920'
G10P='Tenth Congress of the R.C.P.(B.), March 8-16, 1921'
G10C='Tenth All-Russia Conference of the R.C.P.(B.), May 26-28, 1921'
G9S='Ninth All-Russia Congress of Soviets, December 23-28, 1921'
G11P='Eleventh Congress of the R.C.P.(B.), March 27-April 2, 1922'
# first,last,title,title_source,first_words,page,date_text,when,nb,na,kind,group
D=[
(230,447,'Report on peace. October 26 (November 8)','contents','The question of peace is a',11,'October 26 (November 8), 1917','1917-11-08','','','report',G2),
(452,583,'Concluding speech on the report on peace. October 26 (November 8)','contents','I shall not touch on the',16,'October 26 (November 8), 1917','1917-11-08','','','speech',G2),
(587,671,'Wireless message. To all regimental, divisional, corps, army and other committees, to all soldiers of the revolutionary army and sailors of the revolutionary navy','contents','On the night of November 7',20,'November 9 (22), 1917','1917-11-22','','','telegram',''),
(676,792,'Speech at the First All-Russia Congress of the Navy. November 22 (December 5), 1917. Minutes','contents','We are told that Russia will',22,'November 22 (December 5), 1917','1917-12-05','','','speech',''),
(796,918,'Declaration of rights of the working and exploited people','knowledge','The Constituent Assembly resolves: 1. Russia',25,'Written not later than January 3 (16), 1918','','','1918-01-16','draft',''),
(922,1442,'The revolutionary phrase','knowledge','When I said at a Party meeting',28,'February 21, 1918','1918-02-21','','','article',''),
(1445,1830,'Strange and monstrous','knowledge','The Moscow Regional Bureau of our',39,'February 28 and March 1, 1918','','1918-02-28','1918-03-01','article',''),
(1833,2668,'Report on ratification of the peace treaty. March 14','contents','Comrades, today we have to settle',48,'March 14, 1918','1918-03-14','','','report',G4),
(2673,2753,'Resolution on ratification of the Brest Treaty','knowledge','The Congress confirms (ratifies) the peace',67,'','','1918-03-14','1918-03-16','resolution',G4),
(2758,3119,'"Left-wing" childishness and the petty-bourgeois mentality (Extract)','contents','As a political magnitude, or as',69,'May 1918','','1918-05-03','1918-05-05','article',''),
(3123,3151,'Letter to Colonel Robins. May 14, 1918','knowledge','Dear Mr. Robins: I enclose the',78,'May 14, 1918','1918-05-14','','','letter',''),
(3153,3313,'Speech and government statement at the session of the All-Russia C.E.C. July 15, 1918','contents','Comrades, our Soviet Republic cannot complain',79,'July 15, 1918','1918-07-15','','','speech',''),
(3320,4106,'Report at a joint session of the All-Russia Central Executive Committee, the Moscow Soviet, factory committees and trade unions of Moscow. July 29, 1918','knowledge','(Applause, which grows into ovation.) Comrades,',85,'July 29, 1918','1918-07-29','','','report',''),
(4110,4781,'Letter to American workers','knowledge','Comrades! A Russian Bolshevik who took',102,'August 20, 1918','1918-08-20','','','letter',''),
(4784,5405,'Speech on the international situation. November 8','knowledge','(Prolonged applause.) Comrades, from the very',117,'November 8, 1918','1918-11-08','','','speech',G6),
(5410,5664,'The achievements and difficulties of the Soviet Government (Extract)','contents','The most important of our experiences',131,'March-April 1919','','1919-03-01','1919-04-30','article',''),
(5667,5826,'Report of the Central Committee. March 18','contents','To begin with foreign policy, it',137,'March 18, 1919','1919-03-18','','','report',G8P),
(5832,5903,'Report on the Party Programme. March 19','contents','We say that account must be',141,'March 19, 1919','1919-03-19','','','report',G8P),
(5906,6106,"Answers to an American journalist's questions",'knowledge','I answer the five questions put',143,'July 20, 1919','1919-07-20','','','interview',''),
(6111,6175,'To the American workers','knowledge','About a year ago, in my',148,'September 23, 1919','1919-09-23','','','letter',''),
(6179,6231,'Answers to questions put by a Chicago Daily News correspondent. October 5, 1919','knowledge','I beg to apologise for my',150,'October 5, 1919','1919-10-05','','','interview',''),
(6234,6778,'Address to the Second All-Russia Congress of Communist Organisations of the Peoples of the East. November 22, 1919','contents','Comrades, I am very glad of',152,'November 22, 1919','1919-11-22','','','speech',''),
(6781,6828,'Draft resolution on foreign policy','knowledge','The Russian Socialist Federative Soviet Republic',165,'December 2, 1919','1919-12-02','','','draft',G8C),
(6831,7506,'Report of the All-Russia Central Executive Committee and the Council of People\'s Commissars. December 5','contents','When speaking of the political results',167,'December 5, 1919','1919-12-05','','','report',G7S),
(7508,8189,'Report on the work of the All-Russia Central Executive Committee and the Council of People\'s Commissars delivered at the first session of the All-Russia Central Executive Committee, seventh convocation. February 2, 1920','contents','Comrades, my report on the activities',183,'February 2, 1920','1920-02-02','','','report',''),
(8194,8324,'Answers to questions put by Karl Wiegand, Berlin correspondent of Universal Service','knowledge','1. Do we intend to attack',198,'February 18, 1920','1920-02-18','','','interview',''),
(8328,8396,'Answers to questions put by a correspondent of the Daily Express','knowledge','1. What is our attitude towards',202,'February 18, 1920','1920-02-18','','','interview',''),
(8400,8646,'Interview with Lincoln Eyre, correspondent of The World (U.S.A.)','contents','Of the Allies\u2019 reported decision to',204,'','','1920-02-10','1920-02-21','interview',''),
(8650,9043,'Report of the Central Committee. March 29','knowledge','Last spring our military situation was',210,'March 29, 1920','1920-03-29','','','report',G9P),
(9048,9249,'Letter to the British workers','knowledge','First of all permit me to',219,'May 30, 1920','1920-05-30','','','letter',''),
(9253,9592,'Preliminary draft theses on the national and colonial questions (For the Second Congress of the Communist International)','contents','In submitting for discussion by the',224,'June 1920','','1920-06-01','1920-06-14','draft',''),
(9596,9932,'Speech delivered at the Second All-Russia Conference of Organisers Responsible for Rural Work. June 12, 1920','contents','As regards the Republic\u2019s international standing,',232,'June 12, 1920','1920-06-12','','','speech',''),
(9935,10716,'Report on the international situation and the fundamental tasks of the Communist International. July 19 / Report of the Commission on the National and Colonial Questions. July 26','knowledge','Imperialism\u2019s economic relations constitute the core',240,'July 19; July 26, 1920','','1920-07-19','1920-07-26','report',GCI),
(10720,10773,'Letter to G. V. Chicherin. July 22, 1920','contents','My proposal: 1) Directives to be',258,'July 22, 1920','1920-07-22','','','letter',''),
(10776,10986,'Political report of the Central Committee. September 22, 1920 (Newspaper report)','contents','The war against Poland, or, to',260,'September 22, 1920','1920-09-22','','','report',G9C),
(10990,11632,'Speech delivered at a conference of chairmen of uyezd, volost and village executive committees of Moscow Gubernia. October 15, 1920','contents','Comrades, in my report on the',265,'October 15, 1920','1920-10-15','','','speech',''),
(11635,11662,'Letter to G. V. Chicherin. November 19, 1920','contents','Comrade Chicherin, The news from Britain,',280,'November 19, 1920','1920-11-19','','','letter',''),
(11672,12014,'Our foreign and domestic position and the tasks of the Party. From a speech delivered to the Moscow Gubernia Conference of the R.C.P.(B.), November 21, 1920','contents','(Applause.) Comrades, in speaking of the',283,'November 21, 1920','1920-11-21','','','speech',''),
(12018,13010,'Report on concessions delivered to the R.C.P.(B.) group at the Eighth Congress of Soviets. December 21','contents','Comrades, I think you have made',291,'December 21, 1920','1920-12-21','','','report',G8S),
(13016,13374,'Report on home and foreign policy. December 22','contents','You all know, of course, how',314,'December 22, 1920','1920-12-22','','','report',G8S),
(13378,13652,'Speech delivered at the Fourth All-Russia Congress of Garment Workers. February 6, 1921','contents','Comrades, it gives me great pleasure',323,'February 6, 1921','1921-02-06','','','speech',''),
(13656,13837,'Speech at a plenary meeting of the Moscow Soviet of Workers\' and Red Army Deputies. February 28, 1921','contents','Before going on to the domestic',330,'February 28, 1921','1921-02-28','','','speech',''),
(13841,14044,'Report on the political activities of the Central Committee of the R.C.P.(B.). March 8','contents','Assistance is on its way from',335,'March 8, 1921','1921-03-08','','','report',G10P),
(14049,14084,'On the Kronstadt revolt. Summary of a talk with a correspondent of The New York Herald Tribune','contents','I believe that there are only',340,'','','1921-03-01','1921-03-15','interview',''),
(14087,14124,'Speech closing the conference. May 28','knowledge','The current international situation is such',341,'May 28, 1921','1921-05-28','','','speech',G10C),
(14127,14166,'Letter to L. B. Kamenev. August 13, 1921','heading','In view of the fact that',342,'August 13, 1921','1921-08-13','','','letter',''),
(14170,14186,'Note to G. V. Chicherin. Not earlier than September 16, 1921','contents','Comrade Chicherin, I think we should',343,'Not earlier than September 16, 1921','','1921-09-16','','note',''),
(14193,14333,'Fourth anniversary of the October Revolution (Extract)','contents','Let the curs and swine of',344,'October 14, 1921','1921-10-14','','','article',''),
(14337,14373,'Letter to G. V. Chicherin. October 16, 1921','contents','Comrade Chicherin, I do not agree',348,'October 16, 1921','1921-10-16','','','letter',''),
(14378,14423,'On the draft resolution of the Ninth All-Russia Congress of Soviets on the international position. December 22, 1921','knowledge','I ask that the question be',349,'December 22, 1921','1921-12-22','','','letter',''),
(14426,15050,'The home and foreign policy of the Republic. From the report of the All-Russia Central Executive Committee and the Council of People\'s Commissars. December 23','contents','(Stormy applause. Cries of \u201cHurrah!\u201d, \u201cLong',351,'December 23, 1921','1921-12-23','','','report',G9S),
(15054,15106,'The British Labour Party policy (To Comrade Chicherin, a copy to Comrade Radek and all members of the Political Bureau). December 27, 1921','contents','The telegram about the British Labour',365,'December 27, 1921','1921-12-27','','','letter',''),
(15111,15151,'Letter to G. V. Chicherin. February 15, 1922','contents','Comrade Chicherin, A telegram from Krasin',367,'February 15, 1922','1922-02-15','','','letter',''),
(15158,15649,'The international and domestic situation of the Soviet Republic. From a speech delivered to a meeting of the Communist group at the All-Russia Congress of Metalworkers. March 6, 1922','contents','Of course, comrades, you all know',368,'March 6, 1922','1922-03-06','','','speech',''),
(15652,15811,'Political report of the Central Committee of the R.C.P.(B.). March 27','contents','(Applause.) Comrades, permit me to start',380,'March 27, 1922','1922-03-27','','','report',G11P),
(15816,15892,'Draft resolution of the All-Russia Central Executive Committee on the report of the delegation to the Genoa Conference','knowledge','The All-Russia Central Executive Committee\u2019s draft',384,'May 15 or 16, 1922','','1922-05-15','1922-05-16','draft',''),
(15896,16184,'Interview given to Michael Farbman, Observer and Manchester Guardian correspondent','knowledge','1. Question. The anti-Russian press describes',386,'October 27, 1922','1922-10-27','','','interview',''),
(16187,16290,'Speech at the fourth session of the All-Russia Central Executive Committee, ninth convocation. October 31, 1922','contents','(Stormy, prolonged applause. All rise.) Comrades,',393,'October 31, 1922','1922-10-31','','','speech',''),
(16294,16625,'Speech at a plenary session of the Moscow Soviet. November 20, 1922','contents','As to foreign policy, we had',396,'November 20, 1922','1922-11-20','','','speech',''),
(16628,16820,'Notes on the tasks of our delegation at The Hague','knowledge','On the question of combating the',404,'December 4, 1922','1922-12-04','','','note',''),
(16824,17007,'The monopoly of foreign trade. To Comrade Stalin for the plenary meeting of the Central Committee','contents','I think it is most important',409,'December 13, 1922','1922-12-13','','','letter',''),
(17011,17217,'Better fewer, but better (Extract)','knowledge','The general feature of our present',414,'March 2, 1923','1923-03-02','','','article',''),
(17221,17496,'Remarks on G. V. Chicherin\'s letter of March 10, 1922 (March 14, 1922)','knowledge','Esteemed Vladimir Ilyich, I earnestly request',419,'March 14, 1922','1922-03-14','','','other',''),
(17499,17577,'Letter to G. V. Chicherin. March 14, 1922','contents','Comrade Chicherin, I have read your',426,'March 14, 1922','1922-03-14','','','letter',''),
]
L=open(SRC,encoding='utf-8').read().split('\n')
def w(name,header,rows):
    with open(os.path.join(HERE,name),'w',encoding='utf-8') as f:
        f.write('\t'.join(header)+'\n')
        for r in rows: f.write('\t'.join('' if x is None else str(x) for x in r)+'\n')
rows=[]
prev=0
for i,d in enumerate(D,1):
    fl,ll=d[0],d[1]
    assert L[fl-1].strip(), ('blank first',fl)
    assert L[ll-1].strip(), ('blank last',ll)
    assert fl>prev and ll>fl, (fl,ll,prev); prev=ll
    rows.append((i,)+d)
w('documents.tsv',['n','first_line','last_line','title','title_source','first_words','page','date_text','when','not_before','not_after','kind','group'],rows)
print('documents',len(rows))

# ---------------- notes ----------------
NOTE_END=re.compile(r'(^|\s|,)[pP][.\-]\s*([0-9IlSO]{1,3})\s*$')
notes=[]; cur=None
for i in range(17583-1,len(L)):
    s=L[i]
    if not s.strip(): continue
    if cur is None: cur={'first':i+1,'lines':[]}
    cur['lines'].append(s)
    m=NOTE_END.search(s)
    if m: cur['p']=m.group(2); notes.append(cur); cur=None
if cur: notes.append(cur)
CALL={2:315,3:317,4:354,5:360,6:397,7:424,9:766,11:864,12:865,13:866,15:973,16:1065,17:1135,18:1200,19:1237,20:1258,21:1340,22:1445,24:1921,25:1924,26:1924,27:2343,28:2760,29:2791,30:2915,31:3086,32:3130,33:3153,34:3265,35:3266,36:3283,37:3320,38:3364,39:3451,40:3461,41:3573,42:3739,43:3795,44:3828,45:3869,46:3980,48:4454,49:4495,51:5158,52:5160,53:5183,54:5223,55:5224,56:5294,57:5307,59:5679,60:5867,62:5959,63:5985,64:5996,65:5998,67:6326,71:7546,72:7606,73:7755,74:7792,75:7923,76:7946,77:8017,78:8056,81:8341,83:8574,85:8825,86:8826,87:8926,88:8933,89:8950,92:9596,93:9653,94:9819,95:9820,97:10298,98:10299,99:10457,100:10679,101:10690,104:10866,105:10900,106:10925,107:11518,108:11641,109:11644,110:11675,111:11908,113:12065,114:12120,115:12177,116:12616,117:12887,118:13056,119:13148,120:13378,121:13656,122:13663,123:13783,125:13867,127:14087,128:14127,130:14344,132:14968,134:15117,135:15161,136:15163,137:15480,139:15824,140:15906,141:15979,142:16187,143:16294,144:16302}
LOST_HEAD={1:'Second All-Russia Congress of Soviets (group heading)',8:'Navy Congress speech',10:'Declaration of rights',14:'The revolutionary phrase',23:'Extraordinary Fourth Congress of Soviets (group heading)',47:'Letter to American workers',50:'Extraordinary Sixth Congress of Soviets (group heading)',58:'Eighth Congress of the R.C.P.(B.) (group heading)',61:"Answers to an American journalist's questions",66:'Address to the Congress of the Peoples of the East',68:'Eighth Party Conference (group heading)',69:'Seventh Congress of Soviets (group heading)',70:'Report of February 2, 1920',79:'Answers to Karl Wiegand',80:'Answers to the Daily Express',82:'Interview with Lincoln Eyre',84:'Ninth Congress of the R.C.P.(B.) (group heading)',90:'Letter to the British workers',91:'Preliminary draft theses',96:'Second Congress of the Comintern (group heading)',102:'Letter to Chicherin of July 22, 1920 (line 10720 "hi ode" may be the garbled heading/call)',103:'Ninth Party Conference (group heading)',112:'Eighth Congress of Soviets (group heading)',124:'Tenth Congress of the R.C.P.(B.) (group heading)',126:'On the Kronstadt revolt',129:'Note to Chicherin, not earlier than Sept 16, 1921',131:'Letter of December 22, 1921 (first page, p. 349)',133:'The British Labour Party policy, Dec 27, 1921',138:'Eleventh Congress of the R.C.P.(B.) (group heading)'}
nrows=[]
for k,nt in enumerate(notes,1):
    first=nt['lines'][0]
    m=re.match(r'^\s*(\S+)',first)
    tok=m.group(1) if m else ''
    # raw label = leading token if it looks like a (mangled) number
    if re.fullmatch(r"[0-9IlSOo,.\'(){}/°*iWm]{1,5}",tok) and (re.search(r'\d',tok) or tok in ("'",'}','m')):
        lab=tok
        if tok=='9/': lab='9/ *'
        if tok=='i4': lab='i4 °'
    else:
        lab=''
    rem=[]
    if lab!=str(k):
        rem.append('label missing in OCR' if lab=='' else 'label OCR-mangled')
    p=nt.get('p')
    if p is None:
        p='396'; rem.append('note text truncated at end of file, closing "p. N" lost; page_ref inferred from the call (first page of the Nov 20, 1922 speech)')
    cl=CALL.get(k,'')
    if k in LOST_HEAD: rem.append('call stood in a heading the OCR lost: '+LOST_HEAD[k])
    if k in (25,26): rem.append('calls 25 and 26 share line 1924')
    if k==24: rem.append('OCR "April 20 24"')
    if k==62: rem.append('call OCR-mangled as "02"')
    if k==99: rem.append('call OCR-merged into heading "JULY 2699"')
    if k in (33,37,92,110,120,121,127,128,135,142,143): rem.append('call kept in the heading line')
    nrows.append((k,nt['first'],p,lab,cl,'; '.join(rem)))
w('notes.tsv',['n','first_line','page_ref','raw_label','call_line','remarks'],nrows)
print('notes',len(nrows))

# ---------------- contents ----------------
C=[
(11,"Second All-Russia Congress of Soviets of Workers' and Soldiers' Deputies. October 25-26 (November 7-8), 1917",34),
(11,'1. Report on peace. October 26 (November 8)',38),
(11,'Decree on peace',40),
(16,'2. Concluding speech on the report on peace. October 26 (November 8)',43),
(20,'Wireless message. To all regimental, divisional, corps, army and other committees, to all soldiers of the revolutionary army and sailors of the revolutionary navy',45),
(22,'Speech at the First All-Russia Congress of the Navy. November 22 (December 5), 1917. Minutes',50),
(25,'Declaration of rights of the working and exploited people',''),
(28,'The revolutionary phrase',''),
(39,'Strange and monstrous',''),
(48,'Extraordinary Fourth All-Russia Congress of Soviets. March 14-16, 1918',55),
(48,'1. Report on ratification of the peace treaty. March 14',58),
(67,'2. Resolution on ratification of the Brest Treaty',''),
(69,'"Left-wing" childishness and the petty-bourgeois mentality (Extract)',63),
(78,'Letter to Colonel Robins. May 14, 1918',''),
(79,'Speech and government statement at the session of the All-Russia C.E.C. July 15, 1918',68),
(83,'Foreign policy of Soviet Russia at the time of foreign intervention and the Civil War [part title]',''),
(85,'Report at a joint session of the All-Russia Central Executive Committee, the Moscow Soviet, factory committees and trade unions of Moscow. July 29, 1918',83),
(102,'Letter to American workers. August 20, 1918',''),
(117,"Extraordinary Sixth All-Russia Congress of Soviets of Workers', Peasants', Cossack and Red Army Deputies. November 6-9, 1918",86),
(117,'Speech on the international situation. November 8',''),
(131,'The achievements and difficulties of the Soviet Government (Extract)',89),
(137,'Eighth Congress of the R.C.P.(B.). March 18-23, 1919',91),
(137,'1. Report of the Central Committee. March 18',94),
(141,'2. Report on the Party Programme. March 19',97),
(143,"Answers to an American journalist's questions. July 20, 1919",''),
(148,'To the American workers. September 23, 1919',''),
(150,'Answers to questions put by a Chicago Daily News correspondent. October 5, 1919',''),
(152,'Address to the Second All-Russia Congress of Communist Organisations of the Peoples of the East. November 22, 1919',102),
(165,'Eighth All-Russia Conference of the R.C.P.(B.). December 2-4, 1919',104),
(165,'Draft resolution on foreign policy. December 2',''),
(167,'Seventh All-Russia Congress of Soviets. December 5-9, 1919',107),
(167,"Report of the All-Russia Central Executive Committee and the Council of People's Commissars. December 5",109),
(183,"Report on the work of the All-Russia Central Executive Committee and the Council of People's Commissars delivered at the first session of the All-Russia Central Executive Committee, seventh convocation. February 2, 1920",111),
(198,'Answers to questions put by Karl Wiegand, Berlin correspondent of Universal Service. February 18, 1920',''),
(202,'Answers to questions put by a correspondent of the Daily Express. February 18, 1920',''),
(204,'Interview with Lincoln Eyre, correspondent of The World (U.S.A.)',118),
(210,'Ninth Congress of the R.C.P.(B.). March 29-April 5, 1920',120),
(210,'Report of the Central Committee. March 29',''),
(219,'Letter to the British workers. May 30, 1920',''),
(224,'Preliminary draft theses on the national and colonial questions. (For the Second Congress of the Communist International)',124),
(232,'Speech delivered at the Second All-Russia Conference of Organisers Responsible for Rural Work. June 12, 1920',127),
(240,'Second Congress of the Communist International. July 19-August 7, 1920',129),
(240,'1. Report on the international situation and the fundamental tasks of the Communist International. July 19',''),
(252,'2. Report of the Commission on the National and Colonial Questions. July 26',''),
(258,'Letter to G. V. Chicherin. July 22, 1920',135),
(260,'Ninth All-Russia Conference of the R.C.P.(B.). September 22-25, 1920',137),
(260,'Political report of the Central Committee. September 22, 1920 (Newspaper report)',139),
(265,'Speech delivered at a conference of chairmen of uyezd, volost and village executive committees of Moscow Gubernia. October 15, 1920',141),
(280,'Letter to G. V. Chicherin. November 19, 1920',143),
(283,'Our foreign and domestic position and the tasks of the Party. From a speech delivered to the Moscow Gubernia Conference of the R.C.P.(B.), November 21, 1920',147),
(291,'Eighth All-Russia Congress of Soviets. December 22-29, 1920',150),
(291,'1. Report on concessions delivered to the R.C.P.(B.) group at the Eighth Congress of Soviets. December 21',156),
(314,'2. Report on home and foreign policy. December 22',159),
(323,'Speech delivered at the Fourth All-Russia Congress of Garment Workers. February 6, 1921',162),
(330,"Speech at a plenary meeting of the Moscow Soviet of Workers' and Red Army Deputies. February 28, 1921",164),
(335,'Tenth Congress of the R.C.P.(B.). March 8-16, 1921',166),
(335,'Report on the political activities of the Central Committee of the R.C.P.(B.). March 8',168),
(340,'On the Kronstadt revolt. Summary of a talk with a correspondent of The New York Herald Tribune',170),
(341,'Tenth All-Russia Conference of the R.C.P.(B.). May 26-28, 1921',173),
(341,'Speech closing the conference. May 28',''),
(342,'Letter to L. B. Kamenev. August 13, 1921',177),
(343,'Note to G. V. Chicherin. Not earlier than September 16, 1921',179),
(344,'Fourth anniversary of the October Revolution (Extract)',181),
(348,'Letter to G. V. Chicherin. October 16, 1921',183),
(349,'On the draft resolution of the Ninth All-Russia Congress of Soviets on the international position. December 22, 1921',''),
(351,'Ninth All-Russia Congress of Soviets. December 23-28, 1921',187),
(351,"The home and foreign policy of the Republic. From the report of the All-Russia Central Executive Committee and the Council of People's Commissars. December 23",190),
(365,'The British Labour Party policy. (To Comrade Chicherin, a copy to Comrade Radek and all members of the Political Bureau). December 27, 1921',193),
(367,'Letter to G. V. Chicherin. February 15, 1922',196),
(368,'The international and domestic situation of the Soviet Republic. From a speech delivered to a meeting of the Communist group at the All-Russia Congress of Metalworkers. March 6, 1922',198),
(380,'Eleventh Congress of the R.C.P.(B.). March 27-April 2, 1922',205),
(380,'Political report of the Central Committee of the R.C.P.(B.). March 27',209),
(384,'Draft resolution of the All-Russia Central Executive Committee on the report of the delegation to the Genoa Conference. May 15 or 16, 1922',''),
(386,'Interview given to Michael Farbman, Observer and Manchester Guardian correspondent. October 27, 1922',''),
(393,'Speech at the fourth session of the All-Russia Central Executive Committee, ninth convocation. October 31, 1922',214),
(396,'Speech at a plenary session of the Moscow Soviet. November 20, 1922',216),
(404,'Notes on the tasks of our delegation at The Hague. December 4, 1922',''),
(409,'The monopoly of foreign trade. To Comrade Stalin for the plenary meeting of the Central Committee. December 13, 1922',219),
(414,'Better fewer, but better (Extract). March 2, 1923',''),
(419,"Remarks on G. V. Chicherin's letter of March 10, 1922. March 14, 1922",''),
(426,'Letter to G. V. Chicherin. March 14, 1922',224),
]
w('contents.tsv',['page','title','raw_line'],C)
print('contents',len(C))
