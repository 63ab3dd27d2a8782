"""More given names and surnames from the places Hong Kong's residents, students, helpers
and business visitors come from, beyond those in :mod:`names_data`.

A name the lists know is taken wherever it stands (``Tomasz Wieczorek`` in brackets,
``Angelica`` after "my name is"); one they do not know needs a label, a title or a
speaker's place. Text about Hong Kong names people from Europe, South and South-East
Asia, Korea, Japan, Africa and the Middle East, so these lists widen what is known.
Written from general knowledge, lower-case and without accents (the lists are matched
that way). Words that are also ordinary English words, months, places or brands are
left out on purpose: such a word is a name only where the text says a name stands.
"""

from __future__ import annotations

MORE_GIVEN_NAMES = (
    frozenset(
        """
 angelica bryony imogen philippa rosalind harriet henrietta araminta ottilie clementine
 tamsin morwenna eleri rhiannon cerys seren gwen bethan carys dafydd rhys gareth emrys
 alasdair ruaridh lachlan hamish iain euan struan ailsa kirsty morag fiona catriona eilidh
 aoibhinn caoimhe grainne orla roisin sinead siobhan deirdre padraig oisin cathal donal
 fionn tadhg ronan eoin killian
 anouk femke sanne maartje marieke noortje fleur ilse jorien wouter pieter maarten
 joost sander bram daan thijs ruben jeroen koen niels gijs hendrik willem floris
 sjoerd tjeerd geert bart
 jurgen jorg uwe dieter horst helmut gunther gunter rainer reinhard manfred
 wolfram siegfried ulrich friedrich matthias tobias florian sebastian maximilian
 lukas jonas leon finn niklas moritz julian fabian dominik philipp kai lars sven
 torsten bjorn jens henrik magnus anders erik nils olof gustav axel
 annika ingrid sigrid astrid birgit britta karin kerstin margit solveig liv hanne
 mette pernille signe freja ida sofie malin elin maja frida ebba tove
 ursula gudrun heike silke anke frauke wiebke katrin kathrin sabine susanne claudia
 brigitte gisela renate ilse jutta dagmar petra ute annette anja antje svenja jana
 lea lena leni mila emilia hannah johanna marie sophie clara charlotte luisa
 amelie chantal celine margaux capucine solene oceane manon camille maelle clemence
 apolline ines juliette eloise heloise amandine aurelie delphine geraldine sandrine
 severine stephanie veronique beatrice brigitte dominique francoise genevieve helene
 isabelle jacqueline josiane martine monique nathalie pascale sylvie therese yvette
 yvonne odile agathe
 thibault thibaut antoine baptiste benoit bertrand christophe clement corentin damien
 didier etienne fabrice florent francois gaetan gauthier gilles gregoire guillaume
 herve jerome laurent lionel loic ludovic matthieu maxime mickael nicolas olivier
 pascal quentin remi romain sebastien sylvain thierry valentin xavier yannick yves
 alessio alessandro andrea antonella beatrice carlotta chiara concetta donatella
 elisa eleonora federica francesca gabriella giada giorgia giovanna giulia ilaria
 lorenza lucrezia ludovica marcella martina matilde ornella raffaella rossella
 serena silvia simona valeria vittoria alberto alfredo angelo arturo bruno carlo
 cesare claudio daniele dario davide emanuele enrico enzo fabio fabrizio federico
 filippo franco gabriele giacomo gianluca gianni giorgio giulio guido ignazio
 leonardo lorenzo luciano maurizio massimo mattia michele nicola paolo pietro
 raffaele riccardo roberto salvatore sandro stefano tommaso umberto vincenzo vittorio
 adriana alejandra alicia almudena amparo araceli begona carmela catalina concepcion
 consuelo esperanza estefania guadalupe inmaculada itziar lucia luz manuela marisol
 mercedes montserrat nerea nuria pilar raquel rocio soledad veronica ximena yolanda
 alvaro andres cristobal eduardo emilio enrique esteban federico gonzalo guillermo
 ignacio jaime joaquin jorge julio lorenzo marcos mariano nicolas octavio pablo rafael
 ramiro raul rodrigo sergio tomas vicente
 joao goncalo rui nuno tiago diogo duarte afonso bernardo rodrigo vasco
 conceicao graca fatima lurdes rita teresa beatriz leonor matilde mafalda
 tomasz piotr pawel krzysztof andrzej marek michal jakub kacper szymon mateusz
 grzegorz wojciech zbigniew stanislaw jaroslaw przemyslaw radoslaw slawomir
 dariusz mariusz lukasz bartosz maciej rafal sebastian dominik
 agnieszka malgorzata katarzyna magdalena joanna monika dorota beata ewa iwona
 justyna karolina marta natalia paulina sylwia weronika zofia aleksandra barbara
 jadwiga krystyna grazyna halina
 dmitry dmitri aleksandr alexandr alexei alexey andrei andrey anatoly boris
 evgeny yevgeny fyodor gennady grigory igor ilya konstantin leonid mikhail
 nikita oleg pavel ruslan sergey stanislav timur vadim valentin valery
 viktor vladimir vladislav vyacheslav yaroslav yuri
 anastasia anya darya daria ekaterina elena galina irina ksenia larisa lyudmila
 nadezhda natalya oksana polina svetlana tatyana valentina vera yulia
 zhanna olena oksana mykola taras bohdan andriy yuliya kateryna
 jiri petr pavel tomas martin lukas ondrej vojtech zdenek
 lenka hana jana petra tereza klara barbora marketa
 istvan laszlo zoltan gabor attila tamas zsolt zsofia eszter katalin
 nikos giorgos kostas dimitris yannis eleni maria katerina sofia despina
 mehmet mustafa emre burak cem deniz kerem murat oguz serkan tolga ozan
 ayse elif fatma zeynep merve ozlem esra seda
 aarav aarush advait akshay alok amitabh amol anirudh ankur anshul anupam arvind
 ashwin atul bharat chetan deepak devendra dhruv dilip gautam girish harish
 hemant jagdish jatin jayant kapil ketan kishore krishnan lalit madhav mahendra
 manoj mayank mihir milind mukul murali nagendra nandan narayan naveen nilesh
 nitin omkar pradeep pranav prasad pratik praveen puneet raghav rajat rajendra
 rajkumar ramakrishnan ranjit ritesh rohit sagar sameer sandip sanjeev saurabh
 shailesh shashank shivam shyam siddhesh sudhir sumeet sundar surendra swapnil
 tushar uday umesh vaibhav venkat vikas vinay vishal vivek yogesh
 aarti aishwarya akanksha amrita ankita anushka aparna archana bhavna chitra
 deepa devika divya gauri harini indira ishita jaya jyoti kajal kalpana kavya
 komal kriti madhu mamta meenakshi megha mohini namrata nandini neelam nikita
 padma pallavi parvati poonam prachi pragya preeti priti radhika rashmi rekha
 ritika ruchi sakshi sangeeta sanjana sapna shilpa shobha shruti smita sonali
 sonia sudha sujata sunanda swati tanya trisha vandana vidya
 gurdeep gurinder gurjit harbhajan harinder jasbir jaswinder kulwant kulwinder
 paramjit rajinder sukhdev sukhwinder tejinder
 abdullah abid adeel aftab ahsan akbar amjad anwar arif arshad asad asim ayaz
 babar faheem farhan faraz fawad haroon hasan humayun ijaz iqbal irfan javed
 junaid kamran khalid majid mansoor mohsin mudassar nadeem naeem nasir nauman
 nawaz owais qasim rizwan saad sajid salman shahbaz shahzad shoaib sohail
 tahir talha tanveer umer waleed waseem yasir zafar zahid zubair
 aasma afshan aliya asma bushra farzana fouzia hafsa humaira iqra javeria
 kiran mahnoor maira mehwish nadia nasreen nighat rabia rukhsana saba sadia
 saima samina sana shabana shazia sumaira tahira uzma zainab zara zubaida
 anish bhim bijay binita bishal deepa dipendra ganga gyan kamal kumar 
 manju mina nirmala pabitra prabin pramila ramesh ranjana sabina sagun sanjita
 saraswati shanti sher subash sudip sujan sunil suraj tika 
 chamari dilani dilrukshi nimal nuwan ruwan sampath saman sunil thilini
 achmad agustina andi ani anisa arief ayu bagus cahya citra dedi desi diah dimas
 eka endah erna fajar farida fitria gita hadi hartono haryanto heri ika indra
 irwan iwan joko kurniawan lia lina maya mulyadi nanda novita nyoman
 permata prasetyo rahmat ratih riski rizky sari setiawan sri suharto sukarno
 supriyadi susilo teguh tuti wayan widya yudi yulia yuliani
 aileen alma analie angelito aurelio bernadette carmelita charito concepcion
 consolacion crisanto dalisay divina edna elvira ermelinda estrella evangeline
 feliciano flordeliza generosa gloria honorata jesusa jocelyn jonalyn josefina
 julieta leonila leticia liezel lorelie luzviminda mae marilou marissa maylene
 merlinda milagros nelia ofelia perlita rachelle rebecca rosalinda rosemarie
 shiela sheryl teodora virgilio wilma zenaida
 arnel benigno bienvenido dante dionisio edgar ernesto felipe fernando florante
 gregorio honorio isagani jomar jonathan leandro lito manny marvin nestor 
 ramil reynaldo rodrigo rommel romualdo teodoro virgilio wilfredo
 anh binh chau dung giang hanh hoa hung huong khanh linh mai minh
 nga ngoc nhung phuong quang quynh tam thanh thao thuy tien trang trung tuan
 tuyet viet vinh xuan 
 anong apinya arthit boonsri chaiwat chanida kanya kittisak malai narong niran
 nong pim pornthip prasert rattana siriporn somboon somporn sunee supaporn tawan
 thanawat wanida
 ahmad aziz farid hafiz hakim hisham idris iskandar ismail kamarul nazri rosli
 shafiq syed zulkifli aishah farah hidayah nurul salmah siti suraya zarina
 minho jaehyun jungkook taeyang seungwoo hyunwoo jihoon donghyun sungmin yoonseo
 jieun seoyoung hyewon minjung eunji sooyeon yejin hayoung subin chaeyoung
 haruka hinata kaede mei miyu nao rina saki sayaka shiori yuka yumi yuna
 akira daisuke haruto hayato hiroki kazuki kenta kota naoki riku ryo ryusei
 shota sho sota takuya tatsuya yuta yusuke
 abebe adebayo adaeze adeola adewale amara ayodele babajide chiamaka chidi
 chidinma chinedu chinwe chioma emeka folake funmilayo ifeoma ikechukwu kelechi
 kofi kwabena kwame kwesi nkechi nnamdi obinna olumide oluwaseun segun tendai
 themba thabo zanele sipho lindiwe nomvula wanjiru wambui kamau otieno
 ali amir bassam fadi fares ghassan hadi hamza jamal karim khaled mahmoud
 mansour nabil rami samir tarek walid yousef ziad
 amal aya dalia dina hala hiba layla lina maha mona nour rania reem salma
 samar yasmin zeina
 abel agatha aiden alana alec alexis alfie alistair allan althea alyssa amos anabel andre
 angelina annabel annabelle antoinette antonia arabella archie arnold ashton aubrey augustine
 avril barnaby benedict bert beryl beth bethany bianca bradley brady brayden brett britney
 brittany bryan bryce caden caitlin camilla candace cara carla carly carolyn cassandra
 cassidy cecil celeste chantelle cheryl christa clarence clarissa clayton clifford clint
 clinton clive colette connor cordelia corey cornelius courtney craig cyril damian danielle
 darcy darla darryl dave deanna delia dianne donna dustin dwayne eli elijah elise ellie
 emmeline erin ethel evan felicity freddie gabrielle gail georgina gertrude gina giselle
 gladys glenn godfrey gwendolyn hilary hollie hubert hugh ignatius jacob jacqui jake jared
 jeanette jemima jenna jodie juliana juliet karl kathryn kayla kieran kristen kylie laurence
 lavinia leah leanne leigh letitia lillian lindsay lois lucinda luke lynne madeleine
 malcolm margot marianne marjorie matilda maud melvin meredith mildred millie milly
 muriel myra nadine nathaniel nigel octavia oswald ralph raphael reginald rhonda rodney
 roland rosie roxanne rufus rupert shaun shawn silas stacey susanna sybil tabitha tamara
 terrence tessa theodora theodore todd tom tracey tristan vernon vivienne wesley winifred
 basil blair blake brent brooke casey chad chester christian clair dale dana dean floyd
 franklin grant hector lance lewis lynn madison marion mitchell morgan ross roy scott
 shane shannon shelley spencer troy wayne avery georgia virginia glen
 eason sammi ansel benson carson dickson elvis franky jackson kinson lester phil quincy
 samson christy cyrene alton perry zeke baron parker hilton newton rex viola
 wincy winsy wingki kenix cherie yanki kinki hacken hanson lawson rhoda
 thandiwe kagiso lindiwe nomvula zanele sipho thabo themba bongani nandi thando
 gelay gelo tintin jhun
 charmaine charmain sharmaine charlene cheryl cherry cherrie
 """.split()
    )
    | frozenset(
        # (short forms, and names from Indonesia, the Philippines, Nepal and Tibet, South Asia,
        # Korea with and without its hyphen, Africa and the Middle East, added 2026-12-01)
        """
 aashish abbie abdallah abena abiodun abul achara achieng adanna adhiambo adi adjoa adwoa afia afua
 agung agustin akinyi akosua akua akwasi ali-reza alireza allie alonso ama amaka amandeep amani
 amihan aminu amira analiza anan anastasiya andreea aniko annaliza annisa aoi arash arsalan aruna
 ashraf asuka atieno avi avraham awino ayaan ayo ayumi babak babatunde balwinder baraka bea becca
 becky behnaz bekah benji bertie bex bimala bisi bituin bo-ra bogdan bolaji bongbong boonmee bora
 brianna bruna cath cesar chae-won chae-young chaewon chamara chaminda chandra chatchai chathura
 chebet chihiro choden chodron chrissie chrissy chukwuemeka cristian cuong da-hye da-hyun dahye
 dahyun damilola daniela danjuma dariush dayo dechen dessy devi dhanushka dhondup dilini dimitar
 dipak diwata do-yun dodong dolma dong-hyun donnie doyun dragan drolma duangjai duc dusan efua ehud
 eitan ekow elly emiko emiliano eri erika erlinda ernie esi eun-bi eun-ji eunbi evangelina evi
 fabiola fahad faris felicidad femi fereshteh fernanda fitriani florencia fon fran freddy funke
 gabbi gabe gabi gabriela gayani gede georgi georgie gerry ghada ginny golnaz goran gus gustavo
 gyanendra ha-yoon habib hai hal halima hamed hanan haris harsha harshad hasina hattie hayoon hee-jin
 heejin hendro herminia heru hideki hieu hira hiraya hiroko ho-seok hoseok hossein huda huy hye-jin
 hyo-yeon hyoyeon hyun-a hyun-woo hyuna ichiro ifeanyi ildiko iman imani inday indri ineng intan
 ioana ionut irma isabela ishara itai ivana izzie izzy jabari jae-hyun jae-won jaewon jai jamila
 jampa jannat jeevan jelena jem jen jenalyn jenelyn jeong-yeon jeongyeon jeptoo jeric jerico jessa
 jhoanna jhun ji-eun ji-ho ji-hoon ji-hyo ji-min ji-soo ji-sung ji-won ji-woo ji-yeon ji-yoon jigme
 jihyo jim jimena jimin jinky jiro jisung jiyeon jiyoon jody jojit jomari jomel jonah jonjon jonny
 joo-hyun joohyun joross joss jovito juana juma jun-ho jun-jun jung-kook junho juwita kadek kalsang
 kamon kanako karylle kasih kasun kat kath katya kaveh kaye kehinde kelsang ketut kev kimmy kiprono
 kirsten kobina kojo komang kourosh kristel kseniya kumiko kunga kunsang kwaku kwasi kweku kyla
 kyung-soo kyungsoo lahiru laila lailani lakpa lastri leila leilani lenny lettie lexi lexie lhamo
 libby lior liz lizzie lizzy lobsang lorelei lorena lottie lou lubna lucian luciana lucie lupita
 luzminda maddie maddy mae-ann maeann mahbub mahela mahsa maisie makena makoto maksim malini manal
 marcela maricar mariel marielle marinel marlou marnelli marni marnie masato masha matias mattie
 matty mauricio maximiliano mayumi meera megumi mehdi mehreen mercedita michiko mihai miho mika
 mikey miki milena milos mim min-ho min-ji min-jun min-seo minami minnie mio mitch mitu mizanur
 mollie momoko monir monty moshe mostafa murni musa muthoni mutya myleen na-yeon nadeesha naila nam-joon joon
 namgyal namjoon napat nasrin natsuki nattaya natthapong nayeon nazanin nazia nduta ned neema
 negar nell nengah nerissa ngawang ngozi nguyet nia nicky nico nikki ningrum niraj nirosha njeri noa
 noam noi noman nonoy norbu noriko nuraini nusrat nyambura nyima obioma olly omer omid oren palmo
 paloma paola parisa payam pema phuc phuntsok phurba pippa pradeepa priscila pushpa puspa putu rahim
 rahima rajan ramin rasha rashed rashida reggie renata reynante reza rezaul rica ricamae ricardo rie
 rinchen risa rizki robbie rodelio rohani ron ros roshan roya roz rubina rumana rupa rustico ryu-jin
 ryujin saburo sachiko saeed sakda sami samira sammie sanath sandun sang-woo sangay sangwoo sangye
 sanjeewa sara sarala saroj sasha sekar seo-hyun seo-jun seo-yeon seo-yun seohyun seok-jin seokjin
 serwaa setareh setyawati seul-gi seulgi seun seung-min seungmin shabnam shahana shamim sharmila
 shehan shinji shira shirin shiva shlomo shweta sid sidra siswati so-yeon sobia soha sompong somsri
 soo-jin soo-young soojin sooyoung steph stevie stoyan su-jin subhash suci sugeng suharti sujin
 sumaiya sumarni sung-min suparmi suprapto supri surasak surti susana sushila sushma susie susma
 sutrisno suwarni suzy tae-hyung tae-yeon taehyung taeyeon tahmina taiwo takashi tala talia tamar
 tania tashi taslima temi temitope tenzin teresita tess tetsuya thana tharindu thiago thinley tiffy
 tilly timmy titik titilayo todor tolu tolulope tomoya toni trish trixie tsering tsewang tunde tunji
 uchenna ugyen ulises umar upeksha upul uyen vaclav vicki vilma vinny violeta virgie viv wairimu
 wangari wangmo wanjiku waqar warsini wawan wenceslao wes wichai xandra yaa yael yangchen yangzom
 yanto yasaman yasmine yasser yati ye-ji ye-jin ye-rim yeji yekaterina yemi yerim yeshe yetunde
 yitzhak yoon-a yoon-gi yoona yoongi yosef young-ho youssef yu-na yubaraj yukari yumiko yupin yury
 yuya zac zach zack zahra zandra zawadi zaynab zeeshan zeinah zeny zhenya zoran zuzana
 """.split()
    )
    | frozenset(
        # (names common among children born since 2000 in English-speaking countries, added
        # 2026-12-02; the word-like ones among them are in WORDLIKE_GIVEN too)
        """
 luna aria arya hayley hailey peyton rylee ryleigh reagan athena everleigh liliana mackenzie hadley
 raelynn lyla aubree aubrey adalynn adalyn amaya khloe norah elliana emersyn alina aliyah aaliyah
 jordyn londyn callie sienna blakely alaia alaina teagan brynlee finley sloane lilly kinsley
 addison eden reese bailey harmony trinity ember juniper sydney london emerson
 asher ezra logan grayson wyatt santiago ezekiel josiah caleb isaiah waylon jaxon nolan colton
 jeremiah easton jameson landon jace kayden jaxson beau ryder bennett emmett
 levi hudson lincoln brooks roman maverick archer harrison
 """.split()
    )
    | frozenset(
        # (English given names and their everyday short forms the lists lacked, added
        # 2026-12-03: Rick, Josh, Greg, Pete, ...)
        """
 addie adrien aggie aisling alf bess bessie betsy bette bev beverley bridie bronagh bronwyn
 calum carole cassie chas chaz cian ciara clodagh cody cole colm conall corinne cory curtis dan
 dani daniella danni dara darlene darragh darrell daryl davy debra denis dermot dexter diarmuid
 donny doug dwight eamonn edie effie eimear elliot elliott ellis elmer emer eoghan evie faye
 fergal ffion finlay freda frieda garry gayle geoff glyn gracie greg greta gwyn haley hillary
 howie hughie huw isobel jacquelyn jaden janey janine jarrod jeanne jed jesse jez jillian jolene
 jon jonathon josh juanita jude judi jules julius justine kaitlyn kane kara karina katrina katy
 kayleigh keeley kelsey kendall kendra kerri kimberley kris kristian kristin kurt lacey lachie
 lana larissa laurie leroy lesley lexy lila lindsey lloyd lori louie lowell lucille lyle lynda
 maeve mairead marcia margo marguerite mariah mathew maude mavis maxwell meghan melinda micah
 michaela mindy moira moses murray neal nellie neville odette orson paige pete phillip rachael
 rafe randall reece regan reuben richie rick ritchie robyn rochelle roddy roderick rodger ronny
 ruairi russ saul scotty seb selena seth shauna shelby sheldon sian simone skyler solomon sonya
 sorcha stacy stewart stu susannah suzie sylvester tara ted tegan thea thelma tobey tonya tori
 tricia trudy tyler ulysses vaughn vince vinnie walt wanda wilbur willard zachariah zak zane
 """.split()
    )
    | frozenset(
        # (given names of Nepali, Indian, Pakistani, Bangladeshi, Sri Lankan, Central Asian,
        # Middle Eastern, Turkish, African, Indonesian, Malay, Filipino, Thai, Vietnamese,
        # Burmese, Korean and Japanese residents, added 2026-12-03 after a blind round missed
        # Anisha and Aigerim; screened against the name lists' ordinary words, surnames, the
        # gazetteer's words and English words of everyday frequency)
        """
 aadhya aakash abdi abdikadir abdirahman abdiweli abdulaziz abdullahi abdulrahman abeba abhijit
 abhilash abirami abubakar adaora adunni afsana ahmet aibek aidai aidos aigerim aijan aiman
 ainur airi aizada aizhan ajith ajmal akbota akmal akmaral akram aldrin alemayehu alikhan
 alisher almas almaz almazbek alya aman amanpreet amar amare amarjit aminah amirul ammar anas
 anbu aneesh anggun anik anindita anirban anisha anju anoma anoop anucha anum anup anusha
 anyango apichat apoorva aqil aqsa araba arav areeba ariful arindam arman arnab arnav arshdeep
 arunee aruzhan asabe asanka asel askar aslam aslan asli aswathi atai atharv athira atsushi auma
 aung auwal avik awuor aylin ayman ayomide azadeh azamat azhar azizah azlan azman baekhyun bahar
 bahodir bakyt balaji baljit balqis balwant baris basavaraj bashir bauyrzhan bayani bayu begimai
 behnam behrouz bekele bekzod berhanu berik beyza bharathi bhavana bhavesh bhoomika bibek bijo
 biju bina bincy biniam binta birtukan biswajit bobur bolat boyet bukola burcu busaba buse
 busisiwe busra cansu ceren chaitanya chalerm chanchai chandrika chanyeol chathurika cherono
 chethan chhavi chiaki chibuike chibuzo chika chinonso chinyere chirag chiranjeevi chisom
 cholpon chukwudi chyngyz daesung dakila daljit damia damla danial darshan darsih daulet dauren
 davron dawit debashis debjani deeqa defne delali demilade derya desta dhanush dhara dhaval diep
 dildora dilek dilfuza dilhani dilnoza dilshan dilshod dimuth dinara dipankar dipesh diya dohyun
 donghae doniyor dotun dulani durga dzifa ebere ebru ebuka ece ecem edem efia ehsan ekua elham
 elikem elmira elvie emil emine enam enes eren erlan ermek erwiana esinam eskinder eunhye
 eunjung eunkyung eunseo eylul eyram ezinne faduma fahim faizal falguni farhad farhana farnaz
 farrukh fartun fasil fauziah feruza feven feyisara fiifi fikru filsan fisayo fiza fumiko furaha
 furkan gagandeep galih gamze ganesan garba garima gathoni gbenga getachew ghazala ghulam gilang
 girma gokhan gopika guled gulmira gulnara gulnoza gulsen gunwoo gurbir gurmeet habiba hadiza
 haeun hafizah haile hailu hajime hajun hakan hamad hamdi hamisi hani hardik harika hariz
 harjeet harleen harmeet harshitha hashini haslinda hasnah hatice hauwa hawa haziq heechul hein
 hetal hibo hideo hien himanshu himari hiral hirut hitomi hiwot hla hnin hoai hodan honoka htet
 htoo htun hulya huseyin hyekyung hyeri hyunbin hyunjin hyunjung idil ifeoluwa ifrah ikenna
 ilhan ilhom inderjit indranil insyirah irem iresha irshad isamu isha ishmeet islom ismael
 istahil izzat jaesuk jagdeep jagjit jahangir jahongir jamilu jamshid janaka janani jannatul
 jasleen jasmeet jasur jaswant jatinder javlon jawad jaypee jayson jayvee jerlyn jerwin jessalyn
 jhon jhunalyn jide jignesh jihyun jinal jincy jinhee jinkee jintana jinwoo jiraporn jisha
 jithin jiyong jiyoo jobin jomon jongin joselito jothi jovy joydeep jungsoo junichi junko junseo
 junwoo jyldyz kaan kabiru kadyr kairat kalai kamalpreet kamila kamol kamrul kanat kannan
 kanokporn kanokwan kanykei karanvir kaung kavitha kayal kayode kazuko kazuya kebede keerthana
 keerthi keisuke kekeli kemal kemi kenechukwu kenichi khadra khaing khairul khalil khang khin
 khoa khoi khushi kian kibet kidist kiet kirandeep kirti kittipong kobby koharu kohei komil
 kosuke koushik krish krupa kubanychbek kubat kulthida kunle kwadwo kwamena kyaw kyoko kyuhyun
 laboni ladan ladi lakambini lakhwinder lakshmanan lalita lami lani lanre larasati lasith latifa
 lavanya lawal laziz lemlem lerato lerma levent leyla lhamu lijo linto lipi liton liwayway liya
 lola luningning luqman lwazi lyka madhavi madina mahad mahlet mahmuda majed malar malika
 mandeep mandla manjit manjunath mansi mansur manvir marat mariefe marikit mariko marilen maryan
 masaki masako mawuli mayu mayuree mazlan meerim mehedi mehran mekdes melis merlita meron mert
 meruyert meseret mesfin metin mijin minjae minoru mita mitali mitra mitsuki miyoung mizuki
 mohamud mohira mohsen moji moldir morenike moumita mounika moushumi mubashir muhammed mukhtar
 mulugeta mulyani mumbi muna munisa murugan mushfiq muthu mwajuma mya myint myo myungsoo nabila
 nadeeka nadhirah nafis nagarjuna naim naing najla najma naledi nandhini nanthana nasiru natsumi
 nattapong nattawut navid navjot navneet navpreet nawaf nawal nazerke nazira nazli nazmul neda
 neetu negash nehal nhan nhi nidhi nii nilar nilmini niloufar nilufar nimco nimisha nipon
 nirajan nirali niyi njoki nneka nodir nodira norazlina norhayati noura nurbek nurhaliza
 nurhayati nurlan nursultan nwe nyein nyokabi oanh obiora ohnmar olamide olu oluchi omolara
 omotola onur onyeka orathai orhan osama osamu osman otabek oybek ozge ozgur ozoda paing palesa
 panida parbati pardeep paresh parminder paromita parth partha parveen parviz patcharee pavan
 pavithra pawan payal phong phyo phyu pichai pimchanok pinar pornchai pouya prabhjot prabhu
 pradip prashant preecha pritam prosenjit puja puneeth purnomo puspita pyae qamar qistina quoc
 rabi rafiq raghavendra raheel rahel rajasekhar rajeev rakib rakshitha ramu ranju ratana ratul
 ravinder rawan recep reema rehan rehema reiko reshma revathi reyansh rhodora riddhi rika
 rituparna ritwik riya rohmah rojina rokeya ronak rony roslan rosmah rotimi rowel rubel ruma
 runa rupal rupam rupesh rupinder rustam ryosuke saanvi sabbir sabita sacdiya sachini sade sagal
 sahar sahil sahra saiful sailaja sajan sakchai salamatu saltanat samanthi samat samjhana
 samrawit sanchita sandar sanduni sangeetha sanghoon sangita sani sanjar sanju saowalak
 saravanan sardor sarfraz sarvar sasithorn satish satnam saule savita sawsan sayan sayantani
 saynab seema sehun selam selim selin selorm selvam selvi sena senait senthil senyo serap serik
 setyo sevara shahd shahnoza shahram shahrul shaima shaji shakib shampa shanika shanthi sharmin
 sharmistha shathi shaurya sheena shehu shehzad sherin sherzod shibu shihab shikha shinichi
 shivakumar shivani shohei shubham shukhrat shukri shumaila shunsuke shuvo shwetha siavash sibel
 siddhi simisola simranjit sinan sindhu sinta sirilak sirisha siriwan sisay siwoo sizwe soe
 sofea sohan soheila sohel sombat somto songul sosuke soumen soumitra soumya sourav sowmya
 soyoung spoorthi srabanti sravan sravani sreeja sreejith sreekumar sreelakshmi srijana srinivas
 subrata sudeep sudeshna sudipto sugiarto suha suhaila sukanta sukanya sukhjeet sukhpreet sukini
 sumalee sumarti sumbul sumi sumin sumiyati sumon sungho sunhee sunmi sunthorn supriyati
 surachai surinder suriya surya suryani sushmita susmita sutida sutini swapna swe syafiq
 syahirah syahmi syazwani symbat tadesse taemin tahmineh talant tamilselvi tamim tanglaw tanmoy
 tanushree tanvir tapan tarik tarlochan tasnim tassanee tathagata tayo teerapong teja tejaswi
 temirlan temur tesfaye tewodros thanakorn thandar thant thanuja thaung thein thenmozhi thida
 thien thiha thilina thinh thiri thoa thuan thura tigist tijo tilek tirunesh tiwa toan tobi
 tochukwu tomiris tomiwa toyin truc tsegaye tshepo tsion tsubasa tsumugi tugba tulay tumaini
 tuminah tuncay ubah uche ugochi ulugbek umair umaru umid umut unnikrishnan urmila urvashi urvi
 uzoma vamsi vasanthi velu vishnu vivaan volkan wael waithera wajid wangui wanja wardah waree
 warsame warsan warunee wasim weerasak widad wilai winarti wonbin wondimu woojin wumi wunna
 yadanar yakubu yamini yara yared yasemin yasin yazhini yejun yeliz yerbol yerin yerlan yerzhan
 yigit yinka yohannes yonas yoshiko yosuke younghee youngja youngmi youngsoo yuichi yuji yuliana
 yutthana yuzuki zain zainal zaldy zamzam zarni zaw zehra zelalem zenebech zewdu zeyar zhanar
 zhansaya zikri zoya zulai zuraidah
 """.split()
    )
)

MORE_SURNAMES = frozenset(
    """
 teo goh ong koh yeo toh quek chua seah neo
 wieczorek kowalski kowalska nowak wisniewski wisniewska wojcik kowalczyk kaminski
 lewandowski zielinski szymanski wozniak dabrowski kozlowski jankowski mazur
 kwiatkowski krawczyk piotrowski grabowski nowakowski pawlowski michalski
 ivanov ivanova petrov smirnov smirnova kuznetsov kuznetsova popov popova sokolov
 lebedev kozlov novikov morozov volkov volkova solovyov vasiliev fedorov mikhailov
 shevchenko kovalenko bondarenko tkachenko kravchenko oliynyk melnyk
 novak svoboda dvorak cerny prochazka horvat kovacs nagy szabo toth
 muller mueller schmidt schneider fischer weber meyer meier wagner becker schulz
 hoffmann hofmann schafer koch bauer richter klein schroder neumann schwarz
 zimmermann kruger hartmann lange werner krause lehmann schmitt walter
 kohler maier herrmann konig koenig mayer huber kaiser fuchs peters scholz
 moller weiss jung hahn vogel friedrich keller gunther berger winkler
 roth lorenz baumann albrecht ludwig
 verhoeven janssen jansen visser smit meijer mulder bos vos peters hendriks
 dekker brouwer dijkstra vermeulen kuipers hoekstra bakker willems
 jacobs claes goossens wouters maes peeters
 fontaine dubois durand leroy moreau lefebvre lefevre girard dupont lambert
 mercier faure rousseau blanc guerin boyer garnier chevalier francois legrand
 gauthier perrin clement morin nicolas henry roussel mathieu gautier
 masson marchand duval denis dumont marie lemaire noel meunier brun blanchard
 rossi russo esposito bianchi romano colombo ricci marino greco bruno
 gallo conti deluca mancini rizzo lombardi moretti barbieri
 fontana santoro mariani rinaldi caruso ferrara galli leone longo
 martinelli vitale lombardo serra coppola desantis damico marchetti
 garcia fernandez gonzalez rodriguez lopez martinez sanchez perez gomez martin
 jimenez ruiz hernandez diaz moreno alvarez munoz romero alonso gutierrez navarro
 torres dominguez vazquez ramos gil ramirez serrano blanco suarez molina morales
 ortega delgado castro ortiz rubio marin sanz nunez iglesias medina garrido
 cortes castillo santos lozano guerrero cano prieto mendez cruz calvo gallego
 vidal leon herrera marquez penas flores cabrera campos vega fuentes carrasco
 silva oliveira souza sousa lima pereira ferreira alves ribeiro carvalho gomes
 martins rocha almeida barbosa araujo cardoso correia teixeira mendes nunes
 soares vieira monteiro moreira pinto
 andersson johansson karlsson nilsson eriksson larsson olsson persson svensson
 gustafsson pettersson jonsson jansson hansen johansen olsen larsen andersen
 pedersen nielsen kristensen jensen christensen rasmussen jorgensen madsen
 korhonen virtanen makinen nieminen hamalainen laine heikkinen koskinen
 murphy kelly sullivan walsh byrne ryan oconnor oneill reilly doyle mccarthy
 gallagher doherty kennedy lynch murray quinn moore mcloughlin carroll
 connolly daly connell wilson campbell stewart anderson macdonald scott reid
 ross mackenzie fraser mackay crawford whitfield crawford-leigh
 patel shah mehta desai joshi kulkarni deshpande patil jadhav pawar shinde
 iyer iyengar menon nair pillai kurian varghese mathew thomas george abraham
 reddy rao naidu raju krishnan subramaniam subramanian ramachandran raghunathan
 venkatesh srinivasan natarajan rajan gopalan balakrishnan chandrasekhar
 sharma verma gupta agarwal aggarwal bansal goel mittal jain khanna kapoor
 malhotra mehra arora bhatia chopra sethi anand sood saxena srivastava tiwari
 mishra pandey dubey tripathi shukla chaturvedi dwivedi trivedi yadav chauhan
 rathore thakur rajput singh kaur gill sandhu sidhu grewal dhillon brar
 bose banerjee chatterjee mukherjee chakraborty ghosh dutta sen sarkar roy
 khan qureshi siddiqui ansari sheikh shaikh chaudhry chaudhary malik 
 mirza baig hashmi rizvi naqvi jafri abbasi bhatti awan raja
 gurung tamang rai limbu magar sherpa thapa shrestha karki adhikari bhandari
 pokharel poudel sharma ghimire khadka basnet lama
 perera fernando silva desilva jayawardena wickramasinghe bandara dissanayake
 santoso wijaya halim gunawan susanto kusuma hidayat saputra pratama nugroho
 wibowo lestari rahayu kurniawan setiawan hartono suryadi
 delacruz bautista reyes santos garcia mendoza ramos aquino castillo
 villanueva gonzales flores rivera torres navarro domingo mercado tolentino
 pascual salazar manalo cabrera soriano ocampo dizon delrosario macaraeg
 nguyen tran pham hoang huynh phan vu dang bui ho ngo duong 
 srisuk saetang wongsa chaiyaporn rattanakorn suwannarat
 kim lee choi jung jeong kang cho yoon yun jang lim han seo shin kwon
 hwang ahn jeon hong yang ko baek nam
 sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato
 yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki
 mori abe ikeda hashimoto ishikawa ogawa okada hasegawa fujita kondo
 okafor okonkwo adeyemi adebayo balogun oyelaran nwosu eze obi okeke mensah
 boateng asante owusu osei kamau otieno mwangi ndlovu dlamini nkosi
 haddad khoury nasser hamdan saleh mansour habib karam aziz rahman hussein
 """.split()
) | frozenset(
    # (the commoner surnames of Britain, Ireland, North America and Australasia, added
    # 2026-12-03 after a blind round lost Rick Mathews once NER was no longer asked about
    # his line; screened against the name lists' ordinary words and the gazetteer's words)
    """
 abrams acevedo ackroyd acosta adamczyk adams adamski adamson adkins adler aguirre ahern aherne
 ainsworth aitchison aitken aldridge alford allan allen alston alvarado amato ambrose andrews
 andrzejewski appleby appleton armstrong arnold arroyo arsenault ashby ashcroft ashton ashworth
 astley atherton atkins atkinson attwood austen ayala ayers aylward bagshaw bainbridge baird
 baldwin ballard bamford baranowski barclay barker barnard barnes barnett barone barrera barrett
 barron barry bartlett barton basile batchelor bateman bates battaglia baxter beale beattie
 beaulieu beaumont beckett belanger bellamy beltran benedetti benjamin benn bennet bennett
 benson beresford bergeron bergman bernardi bevan bianco biggs bingham blackmore blackwell
 blakeley blankenship blevins blum blundell boggs bolduc bonner borkowski boswell bouchard
 boucher bourke bowden bowen bowles bowman boyce boyd boyle bradbury bradley bradshaw brady
 brannigan breen brennan briggs brindley broadbent brodie brooker broome brophy brough broughton
 bruce bruni bryant brzezinski buchan buchanan buckley burchell burgess burke burks burnett
 burrell burris burton butterworth byers byrd byrnes cadman cahill calder calderon caldwell
 callaghan callahan calvert camacho cameron cantrell cantu caputo carbone cardenas carey carlson
 carmichael carney caron carrillo carson carter cartwright cassidy castaneda castelli cattaneo
 cavanagh cervantes chadwick chalmers chandler chaney chaplin chapman charlton chavez childress
 chisholm chmielewski cieslak clancy clark clarkson cleary clegg clements clemons clifford cline
 cloutier coates cochran cochrane cockburn coffey cohen cohn coleman coles colgan collins
 colquhoun comeau comerford compton concannon condon conley conlon conner connor connors conroy
 conte contreras conway cooley coombes coombs cooney corbett corcoran cormier cortez cosgrove
 costantini costello costigan coughlan coulson coulter cowan cowley cox coyle craig creasey
 creedon cresswell cripps cronin crosby crossley crowe crowley crowther culhane cullen cummings
 cummins cunningham cuomo curran curtis cusack cutler czarnecki czerwinski daley dalgleish
 dalton dalziel damato daniels darcy daugherty davey davison davy dawes dawson deasy deegan
 delahunt delaney dempsey dennehy denton devine devlin dewhurst dickens dickerson dickinson
 dickson digby dillon dineen dionne dixon dobbs dobson dodds dodson dolan dombrowski donaldson
 donati donnell donnelly donoghue donohue donovan doran dorgan dorsey doucet dougherty douglas
 dowd dowling downes downey driscoll drummond dube duckworth duda dudek duffy dunbar duncan
 dunlap dunleavy dunne durkin dwyer eades eastwood edmonds edmunds edwards egan eliot elliot
 elliott ellis ellison elton emery engel enright epstein erickson eriksen erskine escobar
 espinoza estes estrada everett ewing fabbri fahey fairbairn fairclough fallon farrar farrell
 farrelly faulkner feeney feldman fennell fenwick ferguson ferrante ferraro ferrell ferretti
 ferri figueroa findlay finlay finley finnegan fiore fiorentino fitzpatrick fitzsimmons
 fitzsimons flaherty flanagan flannery fleming fletcher flynn fogarty foley forbes forrest
 forster forsyth fortin fournier frazer frazier friedman frye fulton fyfe gaffney gagne gagnon
 gajewski galbraith gallegos galvan galvin gannon gardiner gardner garvey garza gaskell gatti
 gendron genovese geraghty gibb gibbs gibson gilbert gilchrist giles gillespie gilliam gilmore
 gilmour giuliani gleeson glover glowacki glynn godfrey goldberg golding goldstein goodall
 goodman goodwin gordon gorman gorski goss gosselin gow gower grady graham grainger grassi
 grasso greaves greenberg greene greenwood greer gregg gregory gregson griffith griffiths grimes
 grimshaw gunn guthrie guzman haas hackett hadley hagan haig haigh haines hales hallam halliday
 halloran hamer hammond hampson hancock haney hanley hanlon hanna hannon hanrahan hanson hardin
 harding hargreaves harker harmon harper harrell harrington harris hartley hartman haslam
 hatcher hatfield hawes hawkins haworth hawthorne hayden hayes haynes hayward haywood healey
 healy heaney hearne hebert hedley heffernan hegarty heller hemming hemmings hendricks hendrix
 hendry hensley henson hepburn herbert herman hermann hess hester hewitt hewson heywood hickey
 hickman higgins higham hinchliffe hindle hines hinton hirsch hirst hodge hodges hodgson hoey
 hoffman hogan hogg holcomb holley holloway holman holmes hooper hopkins horan horgan horne
 horner horowitz horton houghton howard howarth howell howells howes hoyle hubbard huffman
 hughes huisman hulme humphrey humphreys humphries hurst hutcheson hutchins hutchinson hutton
 hynes iacono ibarra imrie ingham ingram innes irvine irving isaacs jablonski jacobson
 jakubowski jamison jarvis jasinski jaworski jefferies jefferson jeffery jeffrey jeffreys
 jeffries jenkins jenkinson jennings jewell johns johnston johnstone joseph joyner juarez
 kaczmarek kalinowski kane kaplan katz kaufman kaufmann kavanagh kaye kazmierczak keane kearney
 kearns keating keefe keeffe keegan keeling keenan kehoe kelleher kelley kendrick kenneally
 kennelly kenny kenyon keogh kerr kershaw kessler kiernan kilbride kilby kincaid kinney kinsella
 kirby kirkham kirkpatrick kirwan knapp knowles kolodziej kosinski kowal krajewski kramer krol
 krueger kubiak kucharski lacey lachance laidlaw laing lally lamont landry langford langley
 lapointe larson laskowski latham laurence lavoie lawler lawlor lawrence lawton leadbetter leary
 leblanc leclerc leduc leigh lemieux lenihan lennon leonard lerner leslie lester levesque levin
 levine lewin lieberman lightfoot lilley lindberg lindgren lindley lindsay lindsey linehan
 linton lister livesey livingston livingstone lockett lockhart lockwood logan lomas lonergan
 loughlin lovell lowery lowry lucas lucero lund lunt luscombe lynam macalister macarthur
 macaulay macdougall macey macfarlane macgregor macias maciejewski macintyre mackey mackinnon
 maclachlan maclean maclennan macleod macmillan macnab macnamara macneil macrae maddison maddox
 magee maguire maher mahon mahoney mahony majewski makin makowski maldonado malinowski maloney
 mancuso mansell marciniak marini marley marlow marsden marston martino mather mathews matthews
 maxwell mayfield maynard mazurek mazza mcalister mcallister mcarthur mcaulay mcauliffe mcbain
 mcbride mccabe mccall mccallum mccann mccarty mccauley mcclain mcclelland mcclure mcconnell
 mccormack mccormick mccourt mccoy mccracken mccray mccready mcculloch mccullough mcdaniel
 mcdermott mcdonnell mcdougall mcdowell mcevoy mcewan mcewen mcfadden mcfarland mcfarlane
 mcgarry mcgee mcgettigan mcgill mcginley mcglynn mcgonagle mcgovern mcgowan mcgregor mcguigan
 mcguinness mcguire mcinerney mcintosh mcintyre mckay mckee mckeever mckenna mckenzie mckeown
 mckie mckinley mckinney mckinnon mcknight mclachlan mclaren mclaughlin mclean mclellan mclennan
 mcleod mcmahon mcmanus mcmillan mcmullen mcnab mcnally mcnamara mcneil mcneill mcnulty mcphee
 mcpherson mcquade mcquillan mcrae mcshane mcsweeney mctaggart mcvey mcwilliams meehan mejia
 melendez mellor melton melville menzies mercer meredith merrick merritt metcalf metcalfe meyers
 michalak michaud middleton milani millar millington milne milner minogue miranda moffat moffatt
 molloy moloney monaghan monroe montanari monti montoya mooney mora moran morelli moriarty
 morley morris morrissey mortimer moseley moses mosley mottram mountford mowat mulcahy mulhern
 mullan mullen mullins mulvey munro munroe murdoch murtagh myers nadeau nagle napolitano nardone
 nash naughton naylor needham neill nelson nevin newbold newby newell newman nichol nicholas
 nicholls nicol nolan noonan norris nowicki nugent nuttall oakes oates obrien ocallaghan
 ocarroll ochoa oconnell odell odoherty odom odonnell odonoghue odonovan odriscoll odwyer
 ofarrell oflaherty ogilvie ogilvy ogrady ohalloran ohara okane okeeffe oldfield oleary oliphant
 olson olszewski omahony oneal oneil oregan oreilly ormerod orourke orozco orr osborn osborne
 oshaughnessy oshea osman ostrowski osullivan ouellet ouellette owen oxley pacheco padilla
 pagano paine palmer palmieri palumbo paquette pardoe parisi parkes parkin parkinson parr
 parrish parsons paterson patterson pattinson patton pawlak pearce pearse pearson pellegrini
 pellegrino pelletier pemberton pender pennington percival perkins petersen peterson pettit
 phelan phelps phillips pickard pickering pietrzak piggott pinder pineda pittman platt plummer
 poirier polanski polk postma potts poulin poulton pratt prentice prescott priestley pritchard
 probert procter prosser proulx pruitt pryce przybylski puckett pugh pullen purcell quigley
 quinlan quintero quirke radcliffe rafferty ramsay ramsden ramsey randall randolph rangel rankin
 ratliff rawlings rawlinson rayner reade reagan redfern redman redmond rees reeves regan
 reynolds richardson rickard riddell ridley rigby riggs riley riordan rizzi robb roberson
 robertson robichaud robins robles robson roche rodgers rogers rojas rollins rooney roper rosado
 rosales rosen rosenberg rosenthal rossetti rothwell rourke rowland rowlands rowley royle rubin
 ruggiero rushton rutherford rutkowski rutledge sadowski sampson samuel samuels sanders
 sanderson sandoval sanford sargent sartori saunders sawicki sawyer saxton sayer scanlon
 schaefer schofield scholes schouten schroeder schubert schultz schwartz seddon segal sewell
 seymour shackleton shaffer shanahan shapiro sharman sharpe shaughnessy shaw sheehan sheehy
 sheldon shelton shepard sheppard sheridan shipley siegel sikora sikorski silverman silvestri
 simard simmonds simmons simpson sims sinclair skelton skene slade slater slattery smyth smythe
 snell snider sobczak sokolowski solomon sorensen sorrentino sosa soto sowerby sparkes spence
 spicer stanton stapleton steadman steele steiner stephens stephenson stepien stevens stevenson
 stinson stott strachan strickland stubbs sturgess sumner sutcliffe sutherland sutton swann
 swanson sweeney sykes symonds szczepanski szewczyk szymczak talbot talley tapia teague terrell
 terry testa thackeray theriault thibault thomson thorne thornton thorpe threlfall tierney tighe
 tilley tillman timmermans timms tindall tobin todd tolley tomaszewski tomkins tomlinson townley
 townsend tracey tracy travis treacy tremblay trujillo truman tully tuohy turnbull turner turton
 tweedie twomey tyler underwood unwin upton urbanski urquhart vachon valentini valenzuela vance
 vargas varley vasquez vaughan vaughn velasquez velazquez vickers vinson vitali wadsworth
 wainwright waite walczak walden wallace waller wallis walmsley walshe walters walton warburton
 wardle warner wasilewski waterhouse watkins watkinson watson webster weinberg weinstein weller
 wemyss weston wexler whalley wharton wheatley whelan whitaker whiteley whitley whitmore whitney
 whittaker whitworth wiggins wilcox wildman wiley wilk wilkerson wilkes wilkie wilkinson
 williamson willis willoughby wilshaw winstanley wishart witkowski wlodarczyk wolfe wolff
 wolstenholme womack woodhouse woodley woodman woodward woolley wooten worrall worthington wragg
 wrobel wroblewski wyatt wylie wynn wysocki yarbrough yates zajac zakrzewski zalewski zawadzki
 zimmerman ziolkowski zuniga
 """.split()
)

# Given names above that are also English words, places or brands (bus fares, a sander,
# Alma mater): names only where the text says a name stands, never alone in lower case.
WORDLIKE_GIVEN = frozenset(
    """
    fares dung lama lima vega gill sher alma gloria sander bart hung marin mona franco celine
    amal gita hala aya ida mae rita sonia sabina salma reem nour dina maha hiba bruno carlo
    angelo henry noel dante edgar marvin nestor wilma sapna smita megha kajal jaya tika ganga
    padma sudha mina sita yuka yumi nao sho ryo kota riku akira laura
    basil blair blake brent brooke casey chad chester christian clair dale dana dean floyd
    franklin grant hector lance lewis lynn madison marion mitchell morgan ross roy scott
    shane shannon shelley spencer troy wayne avery georgia virginia glen baron parker hilton
    newton rex viola eden reese bailey harmony trinity ember juniper sydney london emerson addison luna
    levi hudson lincoln brooks roman maverick archer harrison
    """.split()
)
