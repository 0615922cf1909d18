^FX ============================================================================
^FX raw capture of print queues EDREC-ZEB01 (wristbands, Zebra HC100) and EDREC-ZEB02
^FX (addressograph labels, Zebra GK420d) 2024-12-18 00:00-07:00, port 9100 mirror,
^FX for INC-PRN-2291 (wristbands printing blank at the bottom edge). Do not attach to the
^FX ticket outside the Trust: contains patient identifiers. Captured by IT service desk.
^FX ============================================================================
^XA
^FX job=41775 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 00:41
^FX REPRINT 00:52 requested by ⟦person_name:S. Brightwell⟧ (NIC): first band had NHS 485 777 3475 from the ambulance ePCR, PAS trace returned ⟦uk_nhs:485 777 3457⟧
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FD⟦person_name:BALDWIN, Karen Louise⟧^FS
^FO86,330^A0R,28,28^FDDOB ⟦date_of_birth:14/02/1958⟧ (66y) F^FS
^FO122,330^A0R,28,28^FDNHS No ⟦uk_nhs:485 777 3457⟧^FS
^FO158,330^A0R,28,28^FDHosp No RTG0417783  Att 2412180409^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>;⟦uk_nhs:4857773457⟧^FS
^FO30,1680^BQN,2,4^FDQA,NHS:⟦uk_nhs:4857773457⟧;DOB:⟦date_of_birth:19580214⟧;MRN:RTG0417783^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41776 queue=EDREC-ZEB02 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 00:41 labels=12
^CI28^PW812^LL254^LH0,0
^FO20,14^A0N,30,30^FD⟦person_name:BALDWIN, Karen Louise⟧^FS
^FO20,50^A0N,24,24^FD⟦date_of_birth:14-Feb-1958⟧  F  NHS ⟦uk_nhs:485 777 3457⟧^FS
^FO20,80^A0N,24,24^FD⟦street_address:27 Stenson Road⟧, Derby^FS
^FO20,108^A0N,24,24^FD⟦postal_code:DE23 1JB⟧   RTG0417783^FS
^FO20,136^A0N,22,22^FDNOK ⟦person_name:Baldwin, Graham⟧ (Husband) ⟦phone:07712 448903⟧^FS
^FO20,162^A0N,22,22^FDGP Sunnyhill Medical Centre^FS
^FO560,150^BY2,3,60^BCN,60,N,N,N^FD>:RTG0417783^FS
^PQ12,0,1,Y
^XZ
^XA
^FX job=41781 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 01:26
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FD⟦person_name:PATEL, Dinesh Kumar⟧^FS
^FO86,330^A0R,28,28^FDDOB ⟦date_of_birth:03/09/1971⟧ (53y) M^FS
^FO122,330^A0R,28,28^FDNHS No ⟦uk_nhs:723 410 9587⟧^FS
^FO158,330^A0R,28,28^FDHosp No RTG0388214  Att 2412180415^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>;⟦uk_nhs:7234109587⟧^FS
^FO30,1680^BQN,2,4^FDQA,NHS:⟦uk_nhs:7234109587⟧;DOB:⟦date_of_birth:19710903⟧;MRN:RTG0388214^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41782 queue=EDREC-ZEB02 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 01:26 labels=12
^CI28^PW812^LL254^LH0,0
^FO20,14^A0N,30,30^FD⟦person_name:PATEL, Dinesh Kumar⟧^FS
^FO20,50^A0N,24,24^FD⟦date_of_birth:03-Sep-1971⟧  M  NHS ⟦uk_nhs:723 410 9587⟧^FS
^FO20,80^A0N,24,24^FD⟦street_address:14 Bramble Way, Mickleover⟧, Derby^FS
^FO20,108^A0N,24,24^FD⟦postal_code:DE3 0SU⟧   RTG0388214^FS
^FO20,136^A0N,22,22^FDNOK ⟦person_name:Patel, Hetal⟧ (Wife) ⟦phone:07984 220417⟧^FS
^FO20,162^A0N,22,22^FDGP Mickleover Surgery^FS
^FO560,150^BY2,3,60^BCN,60,N,N,N^FD>:RTG0388214^FS
^PQ12,0,1,Y
^XZ
^XA
^FX job=41790 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:akaur7⟧ ws=EDREC-PC01 2024-12-18 02:58
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FD⟦person_name:NOWICKA, Zofia⟧^FS
^FO86,330^A0R,28,28^FDDOB ⟦date_of_birth:22/06/2019⟧ (5y) F^FS
^FO122,330^A0R,28,28^FDNHS No ⟦uk_nhs:612 884 4030⟧^FS
^FO158,330^A0R,28,28^FDHosp No RTG0522907  Att 2412180426^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>;⟦uk_nhs:6128844030⟧^FS
^FO30,1680^BQN,2,4^FDQA,NHS:⟦uk_nhs:6128844030⟧;DOB:⟦date_of_birth:20190622⟧;MRN:RTG0522907^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41791 queue=EDREC-ZEB02 src=PAS/EDREC user=⟦username:akaur7⟧ ws=EDREC-PC01 2024-12-18 02:58 labels=12
^CI28^PW812^LL254^LH0,0
^FO20,14^A0N,30,30^FD⟦person_name:NOWICKA, Zofia⟧^FS
^FO20,50^A0N,24,24^FD⟦date_of_birth:22-Jun-2019⟧  F  NHS ⟦uk_nhs:612 884 4030⟧^FS
^FO20,80^A0N,24,24^FD⟦street_address:Flat 3, 88 Normanton Road⟧, Derby^FS
^FO20,108^A0N,24,24^FD⟦postal_code:DE1 2GJ⟧   RTG0522907^FS
^FO20,136^A0N,22,22^FDNOK ⟦person_name:Nowicki, Tomasz⟧ (Father) ⟦phone:07405 118622⟧^FS
^FO20,162^A0N,22,22^FDGP Normanton Park Surgery^FS
^FO560,150^BY2,3,60^BCN,60,N,N,N^FD>:RTG0522907^FS
^PQ12,0,1,Y
^XZ
^XA
^FX job=41795 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:akaur7⟧ ws=EDREC-PC01 2024-12-18 03:20
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FDUNKNOWN, MALE (ED ALIAS ZULU 7)^FS
^FO86,330^A0R,28,28^FDDOB 01/01/1900 (---) M^FS
^FO122,330^A0R,28,28^FDNHS No NOT KNOWN^FS
^FO158,330^A0R,28,28^FDHosp No RTG0999217  Att 2412180430^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>:RTG0999217^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41802 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:akaur7⟧ ws=EDREC-PC01 2024-12-18 04:12
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FD⟦person_name:McALLISTER, Ewan James⟧^FS
^FO86,330^A0R,28,28^FDDOB ⟦date_of_birth:30/11/1986⟧ (38y) M^FS
^FO122,330^A0R,28,28^FDNHS No ⟦uk_nhs:442 109 7764⟧^FS
^FO158,330^A0R,28,28^FDHosp No RTG0460115  Att 2412180433^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>;⟦uk_nhs:4421097764⟧^FS
^FO30,1680^BQN,2,4^FDQA,NHS:⟦uk_nhs:4421097764⟧;DOB:⟦date_of_birth:19861130⟧;MRN:RTG0460115^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41803 queue=EDREC-ZEB02 src=PAS/EDREC user=⟦username:akaur7⟧ ws=EDREC-PC01 2024-12-18 04:12 labels=12
^CI28^PW812^LL254^LH0,0
^FO20,14^A0N,30,30^FD⟦person_name:McALLISTER, Ewan James⟧^FS
^FO20,50^A0N,24,24^FD⟦date_of_birth:30-Nov-1986⟧  M  NHS ⟦uk_nhs:442 109 7764⟧^FS
^FO20,80^A0N,24,24^FD⟦street_address:5 Chestnut Avenue, Chaddesden⟧, Derby^FS
^FO20,108^A0N,24,24^FD⟦postal_code:DE21 6JR⟧   RTG0460115^FS
^FO20,136^A0N,22,22^FDNOK ⟦person_name:McAllister, Shona⟧ (Sister) ⟦phone:07549 331270⟧^FS
^FO20,162^A0N,22,22^FDGP Chaddesden Park Practice^FS
^FO560,150^BY2,3,60^BCN,60,N,N,N^FD>:RTG0460115^FS
^PQ12,0,1,Y
^XZ
^XA
^FX job=41809 queue=EDREC-ZEB01 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 05:37
^CI28^PW300^LL2200^POI^LH0,0^MD8
^FO40,330^A0R,38,38^FD⟦person_name:HUSSAIN, Rukhsana⟧^FS
^FO86,330^A0R,28,28^FDDOB ⟦date_of_birth:08/04/1944⟧ (80y) F^FS
^FO122,330^A0R,28,28^FDNHS No ⟦uk_nhs:738 201 4541⟧^FS
^FO158,330^A0R,28,28^FDHosp No RTG0120946  Att 2412180458^FS
^FO194,330^A0R,24,24^FDED Derwent Valley  2024-12-18^FS
^FO60,1250^BY2,3,90^BCR,90,N,N,N^FD>;⟦uk_nhs:7382014541⟧^FS
^FO30,1680^BQN,2,4^FDQA,NHS:⟦uk_nhs:7382014541⟧;DOB:⟦date_of_birth:19440408⟧;MRN:RTG0120946^FS
^PQ1,0,1,Y
^XZ
^XA
^FX job=41810 queue=EDREC-ZEB02 src=PAS/EDREC user=⟦username:jholloway⟧ ws=EDREC-PC03 2024-12-18 05:37 labels=12
^CI28^PW812^LL254^LH0,0
^FO20,14^A0N,30,30^FD⟦person_name:HUSSAIN, Rukhsana⟧^FS
^FO20,50^A0N,24,24^FD⟦date_of_birth:08-Apr-1944⟧  F  NHS ⟦uk_nhs:738 201 4541⟧^FS
^FO20,80^A0N,24,24^FD⟦street_address:112 Peartree Road⟧, Derby^FS
^FO20,108^A0N,24,24^FD⟦postal_code:DE23 8NN⟧   RTG0120946^FS
^FO20,136^A0N,22,22^FDNOK ⟦person_name:Hussain, Imran⟧ (Son) ⟦phone:07863 509114⟧^FS
^FO20,162^A0N,22,22^FDGP Peartree Medical Centre^FS
^FO560,150^BY2,3,60^BCN,60,N,N,N^FD>:RTG0120946^FS
^PQ12,0,1,Y
^XZ
^FX end of capture 07:00 -- 11 jobs on ZEB01/ZEB02, ⟦username:jholloway⟧ = ⟦person_name:Jade Holloway⟧, ⟦username:akaur7⟧ = ⟦person_name:Amrit Kaur⟧ (ED reception)
