#1728380168
cd /srv/vstupenky/current
#1728380292
tail -n 200 log/production.log | grep -i 'Payment::Gopay'
#1728380325
grep -n "⟦email:jana.svobodova82@seznam.cz⟧" log/production.log | tail -20
#1728380434
psql "⟦url_credentials:postgresql://vp_app:Hr7tWq2LmZ9xKe4c@db01.int.vstupenkyplus.cz:5432/vstupenky_prod⟧" -c "select id, first_name, last_name, email, phone from customers where last_name ilike 'Nov%k%' and created_at > '2024-09-01';"
#1728380501
psql "⟦url_credentials:postgresql://vp_app:Hr7tWq2LmZ9xKe4c@db01.int.vstupenkyplus.cz:5432/vstupenky_prod⟧" -c "select id, email from customers where phone = '⟦phone:+420 731 204 556⟧';"
#1728380524
psql "⟦url_credentials:postgresql://vp_app:Hr7tWq2LmZ9xKe4c@db01.int.vstupenkyplus.cz:5432/vstupenky_prod⟧" -c "update customers set email='⟦email:petra.kralova@seznam.cz⟧' where id=88123;"
#1728380638
psql "⟦url_credentials:postgresql://vp_app:Hr7tWq2LmZ9xKe4c@db01.int.vstupenkyplus.cz:5432/vstupenky_prod⟧" -c "update customers set street='⟦street_address:Kounicova 46⟧', zip='⟦postal_code:602 00⟧', city='Brno' where id=88123;"
#1728380697
history | tail -5
#1728380813
export AWS_ACCESS_KEY_ID=⟦aws_access_key:AKIAKF5U25YY54JV2Z3Y⟧
#1728380912
export AWS_SECRET_ACCESS_KEY=nPxljWIWZRr042c3Apu1aOnfytrGI+tWdNRV314f
#1728381051
aws s3 ls s3://vp-tickets-pdf/2024/10/07/ | wc -l
#1728381137
aws s3 cp s3://vp-tickets-pdf/2024/10/07/ord-2410-0071932.pdf /tmp/
#1728381176
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
#1728381241
curl -s -H "Authorization: Bearer ⟦bearer_token:SGae0zaScx9R9dubfzrMDznGjPWmul8WD7r04IrrEZOjW0ln⟧" https://gate.gopay.cz/api/payments/payment/3241778190 | jq .
#1728381328
curl -s -H "Authorization: Bearer ⟦bearer_token:SGae0zaScx9R9dubfzrMDznGjPWmul8WD7r04IrrEZOjW0ln⟧" https://gate.gopay.cz/api/payments/payment/3241778190/refund -d 'amount=129000'
#1728381396
grep -rn "⟦credit_card:5168 7899 2862 6170⟧" /var/log/vstupenky/payments/ 2>/dev/null
#1728381525
grep -rn "5168 7899 3862 6170" /var/log/vstupenky/payments/ 2>/dev/null
#1728381602
redis-cli -u ⟦url_credentials:redis://:n3Qv8sLpE2aYx6Tb@127.0.0.1:6379/2⟧ --scan --pattern 'session:*' | head
#1728381672
redis-cli -u ⟦url_credentials:redis://:n3Qv8sLpE2aYx6Tb@127.0.0.1:6379/2⟧ get session:⟦session_cookie:5e8a411772799d64d3e218d69800609b⟧
#1728381714
curl -sv -b "_vstupenky_session=⟦session_cookie:5e8a411772799d64d3e218d69800609b⟧" https://www.vstupenkyplus.cz/ucet/objednavky -o /dev/null
#1728381806
jwt decode ⟦jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ2c3R1cGVua3lwbHVzLmN6Iiwic3ViIjoiY3VzdF81NTIxMCIsImVtYWlsIjoibWFydGluYS5rb3ZhY292YUBhemV0LnNrIiwic2NvcGUiOiJvcmRlcnM6cmVhZCIsImlhdCI6MTcyODMwMzMxMSwiZXhwIjoxNzI4Mzg5NzExfQ.1fHmXyUwEJyfQu4CjckMaaIMWtmWNc8EPyYRaLaY07Q⟧
#1728381856
curl -s -H "Authorization: Bearer ⟦jwt:eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InZwLTIwMjQtMDkifQ.eyJpc3MiOiJodHRwczovL2F1dGgudnN0dXBlbmt5cGx1cy5jeiIsInN1YiI6InN0YWZmXzE3IiwicHJlZmVycmVkX3VzZXJuYW1lIjoia2F0ZXJpbmEubWFsYSIsInJvbGVzIjpbInN1cHBvcnQiXSwiaWF0IjoxNzI4MzgxNDUwLCJleHAiOjE3MjgzODUwNTB9.hSKUZtP8aYYmZDB2KltWHC-DbMooqV1ATNo4G8Q7IBW7nMBXv27C61aKya0KX10q9G8EfGa9SGVU-XJIt8gVbrFNwroeZmK8H5EEalQgD5n-k6eOBSh8k6rVjSXkV8Ju8J2IYeVdJH2YIfjKa1K_bytx4K_B8Ydk2Z8c5QC4l60H5FBgUnBoh1WN9l2BXgp8yEpxWLz9cmy9OtKevUldkyFJdm565fr9zC1dXRVqxGlBBOp-QZILqt1Ospgj5O2-3aMd8A5vcl4ibbpbwUP8sK9f00GJuNw1fM04Vklq8TDWJagVpiII9OFUzuSK8ZDukJPiSUsn7Z7_DxX7klBtNw⟧" https://admin.vstupenkyplus.cz/api/customers/55210 | jq '.orders | length'
#1728381882
bin/rails runner 'GdprEraser.call(customer_id: 55210, requested_by: "⟦username:katerina.mala⟧", reason: "žádost ⟦person_name:Martina Kováčová⟧ z 6.10.")' -e production
#1728382010
bin/rails runner 'c = Customer.find_by(email: "⟦email:tomas.dvorak@email.cz⟧"); c.update!(phone: "⟦phone:+420 777 412 905⟧", first_name: "⟦person_name:Tomáš⟧", last_name: "⟦person_name:Dvořák⟧")' -e production
#1728382126
bin/rails runner 'puts Customer.where(email: "⟦email:olga.hruba@centrum.cz⟧").pluck(:id, :birth_date)' -e production
#1728382187
bin/rails runner 'Customer.find(77410).update!(email: "⟦email:olga.hruba@post.cz⟧", birth_date: "⟦date_of_birth:1961-04-17⟧")' -e production
#1728382297
sudo fail2ban-client status sshd
#1728382437
sudo fail2ban-client set sshd unbanip ⟦ipv6:2a00:1028:83a2:51e6:9d4f:22ff:fe31:7c0b⟧
#1728382488
sudo iptables -I INPUT -s ⟦ipv4:89.24.117.203⟧ -j DROP
#1728382550
sudo iptables -I INPUT -s ⟦ipv4:37.48.201.66⟧ -j DROP
#1728382608
sudo iptables -L INPUT -n --line-numbers | head -20
#1728382690
whois ⟦ipv4:89.24.117.203⟧ | grep -i -E 'netname|country'
#1728382793
zgrep -h '⟦ipv4:89.24.117.203⟧' /var/log/nginx/access.log.*.gz | awk '{print $7}' | sort | uniq -c | sort -rn | head
#1728382859
curl -s "⟦url_credentials:https://vstupenkyplus:Kv72mPqz9W@api.smsmanager.cz/Send⟧?number=⟦phone:420604118273⟧&message=Vase+vstupenky+byly+znovu+odeslany"
#1728382992
echo 'Dobrý den paní ⟦person_name:Králová⟧, posíláme znovu vstupenky na Kounicovu.' | mail -s 'Vstupenky ORD-2410-0071932' -r ⟦?email:podpora@vstupenkyplus.cz⟧ ⟦email:petra.kralova@seznam.cz⟧
#1728383131
curl -s -X POST https://app.smartemailing.cz/api/v3/contacts/forget -H "Authorization: Bearer ⟦bearer_token:c94093e186ad8a319d81c438d8f7d8c3⟧" -d '{"emailaddress":"⟦email:martina.kovacova@azet.sk⟧"}'
#1728383256
git clone ⟦url_credentials:https://ondrej-holub:ghp_3XYn8t9FKQtY2TiwYygINTwJ79dCUE57O7KU@github.com/vstupenkyplus/ticketing.git⟧ /tmp/ticketing-hotfix
#1728383312
cd /tmp/ticketing-hotfix && git log --oneline -5 && git checkout hotfix/4.18.2
#1728383344
cd /srv/vstupenky/current
#1728383458
scp /tmp/vip_hoste_brno_2024-10-12.csv ⟦username:ondrej⟧@10.20.0.5:/home/⟦username:ondrej⟧/
#1728383466
sed -n '1,5p' /tmp/vip_hoste_brno_2024-10-12.csv
#1728383495
grep -i '⟦person_name:Vondráček⟧' /tmp/vip_hoste_brno_2024-10-12.csv
#1728383633
bin/rails runner 'Order.find_by(number: "ORD-2410-0071932").update!(holder_name: "⟦person_name:Zdeněk Vondráček⟧", holder_birth_date: "⟦date_of_birth:12.09.1954⟧")' -e production
#1728383729
shred -u /tmp/vip_hoste_brno_2024-10-12.csv
#1728383821
export AWS_ACCESS_KEY_ID=⟦aws_access_key:AKIAOGHBX72BH4KED2AB⟧; aws sts get-caller-identity
#1728383849
systemctl restart vstupenky-puma && journalctl -u vstupenky-puma -n 30 --no-pager
#1728383984
grep -c '⟦ipv4:37.48.201.66⟧' /var/log/nginx/access.log
#1728384090
last -i | grep ⟦username:ondrej⟧ | head
#1728384116
sudo -u postgres psql -d vstupenky_prod -c "select count(*) from customers where birth_date = '⟦date_of_birth:1961-04-17⟧';"
#1728384181
df -h / && du -sh /srv/vstupenky/shared/log
#1728384298
aws configure set aws_access_key_id ⟦aws_access_key:AKIA42TNGASGJSGETTAC⟧ --profile backup
#1728384382
curl -s -H "Authorization: Bearer ⟦bearer_token:bd255b0f82b53932152f5120f01bd78c91d4bfcc⟧" https://app.fakturoid.cz/api/v3/accounts/vstupenkyplus/invoices.json?number=2024-01877 | jq '.[0].client_name'
#1728384475
curl -s -H "Authorization: Bearer ⟦jwt:eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImdmLTEifQ.eyJzdWIiOiJvbmRyZWouaG9sdWJAdnN0dXBlbmt5cGx1cy5jeiIsImF1ZCI6ImdyYWZhbmEiLCJpYXQiOjE3MjgzODI5MDAsImV4cCI6MTcyODM4NjUwMH0.NBqj9Ia8AfbkjIJxeDkG6KdikokHUbzeooIKymzcUGui2TnpiGVv72ROCNUbjIKxJnuXFnG0P1ea5YQYjWpTjMFbitMIHHmaw3jmHgkhpg0Vhm4dmdYq5zxCzlymd8N0igzlk_E8t9OY2KKBMR5AeC77Z9OGyn15JxzCCtem3ixDHUFNGl3RcuiPPs-7aTkvLSx5von8rWgvZVecvOmV_yxqN5OwDLKhB6_BtHMjJOSF1HO-yF1ynAlHCAt5IX0fcpZp78SjZEzrvCnihoeG_aZIMgi4tbXcF3pkpA43ldhYgHZe2LIO6s0YZE1FWMiBX9idTcdvXqSDA2SgDdi83w⟧" https://grafana.int.vstupenkyplus.cz/api/search?query=payments
#1728384497
curl -s -o /dev/null -w '%{http_code}' -b "_vstupenky_session=⟦session_cookie:2fab93b2138921b1523d03301937203d⟧" https://www.vstupenkyplus.cz/ucet
#1728384632
logout
