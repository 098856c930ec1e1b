<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="id_ID">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/settings/add_user.py" line="51"/>
        <source>Tambah pengguna</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="59"/>
        <source>mis. teller03</source>
        <translation>e.g. teller03</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="75"/>
        <source>&amp;ID pengguna</source>
        <translation>User &amp;ID</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="76"/>
        <source>Nama &amp;lengkap</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="77"/>
        <source>&amp;Peran</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="78"/>
        <source>P&amp;IN</source>
        <translation>P&amp;IN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="79"/>
        <source>&amp;Ulangi PIN</source>
        <translation>PIN a&amp;gain</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="85"/>
        <source>PIN pertama pengguna: 6-8 angka. Beri tahu secara langsung.</source>
        <translation>The user&apos;s first PIN: 6-8 digits. Tell it to them in person.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="98"/>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="109"/>
        <source>PIN yang diulang tidak sama. Ketik lagi.</source>
        <translation>The PIN typed again does not match. Type it again.</translation>
    </message>
</context>
<context>
    <name>AgentField</name>
    <message>
        <location filename="../../ui/agent_field.py" line="33"/>
        <source>boleh kosong · ketik kode, nama atau lembaga</source>
        <translation>optional · type a code, name or institution</translation>
    </message>
    <message>
        <location filename="../../ui/agent_field.py" line="90"/>
        <source>Tidak ada di daftar agen</source>
        <translation>Not in the register of agents</translation>
    </message>
    <message>
        <location filename="../../ui/agent_field.py" line="92"/>
        <source>{0} — tidak aktif</source>
        <translation>{0} — not active</translation>
    </message>
</context>
<context>
    <name>AgentsPage</name>
    <message>
        <location filename="../../ui/agents/page.py" line="277"/>
        <source>Agen Perisai</source>
        <translation>Perisai agents</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="281"/>
        <source>Daftar agen Perisai dan lembaganya dari server pusat, diperbarui setiap kali data diunggah. Hanya agen aktif yang boleh membawa pendaftaran atau pembayaran.</source>
        <translation>The register of Perisai agents and their institutions from the upstream, brought up to date by every upload. Only active agents may bring registrations or payments.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="287"/>
        <source>Cari kode, nama atau lembaga</source>
        <translation>Search code, name or institution</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="289"/>
        <source>Cari agen</source>
        <translation>Search agents</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="319"/>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="333"/>
        <source>Laporan bulanan agen (komisi dan bonus) dibuka oleh supervisor.</source>
        <translation>An agent&apos;s monthly statement (commission and bonus) is opened by a supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="392"/>
        <source>{0} agen cocok dengan pencarian ({1} aktif).</source>
        <translation>{0} agents match the search ({1} active).</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="398"/>
        <source>{0} agen di daftar ({1} aktif).</source>
        <translation>{0} agents in the register ({1} active).</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="411"/>
        <source>Tidak ada agen yang cocok.</source>
        <translation>No agent matches.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="413"/>
        <source>Daftar agen masih kosong: unggah data (F9) untuk mengambilnya.</source>
        <translation>The register is still empty: upload (F9) to fetch it.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="472"/>
        <source>Pilih agen di daftar.</source>
        <translation>Choose an agent in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="534"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="535"/>
        <source>CSV untuk Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="536"/>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="540"/>
        <source>Simpan laporan agen sebagai {0}</source>
        <translation>Save the agent statement as {0}</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="566"/>
        <source>Tersimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="573"/>
        <source>Gagal menyimpan: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>ApprovedCaptureDialog</name>
    <message>
        <location filename="../../ui/approval.py" line="198"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>BackupTimer</name>
    <message>
        <location filename="../../ui/backup_timer.py" line="86"/>
        <source>Cadangan {0} gagal diperiksa: {1}</source>
        <translation>Backup {0} failed its check: {1}</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <location filename="../../ui/settings/backups.py" line="52"/>
        <source>Cadangan data</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="62"/>
        <source>Dicadangkan otomatis setiap jam selama ada transaksi dan setelah tutup hari; disimpan 48 cadangan per jam dan 60 harian.</source>
        <translation>Backed up automatically every hour while there are transactions and after each day close; the last 48 hourly and 60 daily backups are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="71"/>
        <source>Folder &amp;kedua</source>
        <translation>&amp;Second folder</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="81"/>
        <source>Disk lain atau folder jaringan; tiap cadangan disalin ke sana juga. Disimpan dengan tombol Simpan pengaturan.</source>
        <translation>Another disk or a network folder; every backup is copied there too. Saved with the Save settings button.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="91"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="91"/>
        <source>Pemeriksaan</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="91"/>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="91"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="108"/>
        <source>&amp;Cadangkan sekarang</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="110"/>
        <source>&amp;Pulihkan…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="112"/>
        <source>&amp;Ambil kembali dari server pusat</source>
        <translation>&amp;Take back from the upstream</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="139"/>
        <source>per jam</source>
        <translation>hourly</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="140"/>
        <source>harian</source>
        <translation>daily</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="141"/>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="142"/>
        <source>sebelum pembaruan</source>
        <translation>before an upgrade</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="158"/>
        <source>belum diperiksa</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="160"/>
        <source>utuh, {0} transaksi</source>
        <translation>intact, {0} transactions</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="161"/>
        <source>RUSAK: {0}</source>
        <translation>DAMAGED: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="190"/>
        <source>Mencadangkan…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="196"/>
        <source>Memeriksa cadangan…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="204"/>
        <source>Cadangan {0} dibuat dan diperiksa: utuh.</source>
        <translation>Backup {0} made and checked: intact.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="206"/>
        <source>Disalin ke {0}.</source>
        <translation>Copied to {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="212"/>
        <source>Cadangan {0} gagal diperiksa: {1}</source>
        <translation>Backup {0} failed its check: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/backups.py" line="240"/>
        <source>Diambil kembali dari server pusat: {0} transaksi. Nomor tanda terima berlanjut setelah nomor {1}.</source>
        <translation>Taken back from the upstream: {0} transactions. Receipt numbers go on after number {1}.</translation>
    </message>
</context>
<context>
    <name>BpuPanel</name>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="52"/>
        <source>16 angka NIK atau nomor KPJ</source>
        <translation>16-digit NIK or KPJ number</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="60"/>
        <source>— pilih tingkat penghasilan —</source>
        <translation>— choose an income tier —</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="68"/>
        <source>Wajib</source>
        <translation>Mandatory</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="69"/>
        <source>JHT (pilihan)</source>
        <translation>JHT (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="80"/>
        <location filename="../../ui/contribution/bpu.py" line="338"/>
        <source>{0} bulan</source>
        <translation>{0} month(s)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="94"/>
        <source>&amp;NIK / KPJ</source>
        <translation>&amp;NIK / KPJ</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="95"/>
        <source>&amp;Penghasilan per bulan</source>
        <translation>Monthly &amp;income</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="96"/>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;grams</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="97"/>
        <source>&amp;Jumlah bulan</source>
        <translation>Number of &amp;months</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="98"/>
        <source>Periode &amp;awal</source>
        <translation>&amp;First period</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="99"/>
        <source>Agen Pe&amp;risai</source>
        <translation>Pe&amp;risai agent</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="179"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="182"/>
        <source>Terdaftar di loket ini</source>
        <translation>Registered at this counter</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="184"/>
        <source>Terdaftar di kanal lain</source>
        <translation>Registered at another channel</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="189"/>
        <source>NIK {0}
KPJ {1}
{2} · {3} · {4}</source>
        <translation>NIK {0}
KPJ {1}
{2} · {3} · {4}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="199"/>
        <source>Kepesertaan tidak aktif (lunas s.d. {0})</source>
        <translation>Membership inactive (paid through {0})</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="207"/>
        <source>Lunas s.d. {0}</source>
        <translation>Paid through {0}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="211"/>
        <source>Belum ada iuran tercatat</source>
        <translation>No contribution on record yet</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="255"/>
        <source>Luring: data dari pendaftaran di loket ini.</source>
        <translation>Offline: details from the registration at this counter.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="259"/>
        <source>Luring: data dari server pusat yang tersimpan di loket ini.</source>
        <translation>Offline: details from the upstream, kept at this counter.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="260"/>
        <source>Luring: data dari server pusat, ditanyakan {0}.</source>
        <translation>Offline: details from the upstream, asked {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="395"/>
        <source>{0} × {1} bulan</source>
        <translation>{0} × {1} month(s)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="403"/>
        <source>Potongan</source>
        <translation>Relief</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="409"/>
        <source>Periode {0}</source>
        <translation>Period {0}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/bpu.py" line="411"/>
        <source>Periode {0} – {1}</source>
        <translation>Period {0} – {1}</translation>
    </message>
</context>
<context>
    <name>Breakdown</name>
    <message>
        <location filename="../../ui/contribution/summary.py" line="52"/>
        <source>Rincian pembayaran</source>
        <translation>Payment breakdown</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/summary.py" line="83"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>CashCountForm</name>
    <message>
        <location filename="../../ui/day_close/count.py" line="66"/>
        <source>Uang kertas</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/count.py" line="66"/>
        <source>Uang logam</source>
        <translation>Coins</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/count.py" line="100"/>
        <source>Jumlah dihitung:</source>
        <translation>Counted total:</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="36"/>
        <location filename="../../ui/settings/change_pin.py" line="64"/>
        <source>Ganti PIN</source>
        <translation>Change PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="40"/>
        <source>PIN untuk {0} ({1})</source>
        <translation>PIN of {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="54"/>
        <source>6-8 angka, tidak sama semua dan tidak berurutan.</source>
        <translation>6-8 digits, not all the same and not consecutive.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="56"/>
        <source>PIN &amp;lama</source>
        <translation>&amp;Current PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="57"/>
        <source>PIN &amp;baru</source>
        <translation>&amp;New PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="58"/>
        <source>&amp;Ulangi PIN baru</source>
        <translation>New PIN &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="66"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/change_pin.py" line="85"/>
        <source>PIN yang diulang tidak sama. Ketik lagi.</source>
        <translation>The PIN typed again does not match. Type it again.</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../ui/claim/checklist.py" line="43"/>
        <source>Pilih alasan klaim; daftar berkasnya muncul di sini.</source>
        <translation>Choose the claim reason; its list of documents appears here.</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="49"/>
        <source>Status tiap berkas: ketik A = asli, F = fotokopi, E = elektronik, T = tidak ada</source>
        <translation>Status of each document: type O = original, P = photocopy, E = electronic, M = missing</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="104"/>
        <location filename="../../ui/claim/checklist.py" line="210"/>
        <source>wajib</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="112"/>
        <location filename="../../ui/claim/checklist.py" line="210"/>
        <source>tambahan</source>
        <translation>additional</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="122"/>
        <source>Dokumen</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="124"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="139"/>
        <location filename="../../ui/claim/checklist.py" line="201"/>
        <source>Tidak ada</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="140"/>
        <location filename="../../ui/claim/checklist.py" line="202"/>
        <source>Asli</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="141"/>
        <location filename="../../ui/claim/checklist.py" line="203"/>
        <source>Fotokopi</source>
        <translation>Photocopy</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="142"/>
        <location filename="../../ui/claim/checklist.py" line="204"/>
        <source>Elektronik</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="254"/>
        <source>Belum lengkap: {0}</source>
        <translation>Incomplete: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/claim/checklist.py" line="257"/>
        <source>Berkas wajib lengkap.</source>
        <translation>All required documents are here.</translation>
    </message>
</context>
<context>
    <name>ClaimFields</name>
    <message>
        <location filename="../../ui/claim/fields.py" line="56"/>
        <source>— pilih alasan klaim —</source>
        <translation>— choose the claim reason —</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="61"/>
        <source>boleh kosong</source>
        <translation>may be left empty</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="65"/>
        <source>HH/BB/TTTT: tgl. berhenti / PHK / akhir kontrak</source>
        <translation>DD/MM/YYYY: date of resignation / dismissal / end of contract</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="69"/>
        <source>&amp;Saldo JHT di atas Rp50.000.000</source>
        <translation>JHT &amp;balance above Rp50.000.000</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="71"/>
        <source>Pernah k&amp;laim JHT sebagian (10% / 30%)</source>
        <translation>Partial JHT c&amp;laim made before (10% / 30%)</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="75"/>
        <source>mis. BNI, BRI, Mandiri</source>
        <translation>e.g. BNI, BRI, Mandiri</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="78"/>
        <source>harus atas nama pengaju sendiri</source>
        <translation>must be in the claimant&apos;s own name</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="92"/>
        <source>&amp;Alasan klaim</source>
        <translation>Claim &amp;reason</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="93"/>
        <source>&amp;NIK peserta</source>
        <translation>Participant&apos;s &amp;NIK</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="94"/>
        <source>No. &amp;KPJ</source>
        <translation>&amp;KPJ number</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="95"/>
        <source>Nama &amp;peserta</source>
        <translation>&amp;Participant&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="96"/>
        <source>Tanggal ke&amp;jadian</source>
        <translation>Date of the e&amp;vent</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="97"/>
        <source>Nama pen&amp;gaju</source>
        <translation>Clai&amp;mant&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="98"/>
        <source>NPWP</source>
        <translation>NPWP</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="99"/>
        <source>&amp;Bank pembayaran</source>
        <translation>Payout &amp;bank</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="100"/>
        <source>No. &amp;rekening</source>
        <translation>Account n&amp;umber</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="101"/>
        <source>Pe&amp;milik rekening</source>
        <translation>Account &amp;holder</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="158"/>
        <source>wajib: nama ahli waris</source>
        <translation>required: the heir&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="160"/>
        <source>kosongkan bila peserta sendiri</source>
        <translation>leave empty if it is the participant</translation>
    </message>
    <message>
        <location filename="../../ui/claim/fields.py" line="165"/>
        <source>NPWP wajib dilampirkan.</source>
        <translation>An NPWP must be attached.</translation>
    </message>
</context>
<context>
    <name>ClaimPage</name>
    <message>
        <location filename="../../ui/claim/page.py" line="66"/>
        <source>Serah terima berkas klaim JHT</source>
        <translation>JHT claim document handover</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="69"/>
        <source>Tab/Enter pindah kolom · Ctrl+S simpan · Esc kosongkan formulir</source>
        <translation>Tab/Enter next field · Ctrl+S save · Esc clear the form</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="76"/>
        <source>&amp;Terima walau belum lengkap (kekurangan dicatat di tanda terima)</source>
        <translation>&amp;Accept although incomplete (what is missing goes on the receipt)</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="80"/>
        <source>Kelengkapan berkas</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="88"/>
        <source>Masa tunggu belum selesai. Supervisor lain (bukan pembuat transaksi) mengetik ID dan PIN-nya, lalu Enter untuk menyimpan.</source>
        <translation>The waiting period is not over. Another supervisor (not the one making the transaction) types their ID and PIN, then Enter to save.</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="129"/>
        <source>* wajib diisi</source>
        <translation>* required</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="138"/>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="141"/>
        <source>Kosongkan (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="274"/>
        <source>Berkas wajib belum lengkap. Lengkapi, atau centang “Terima walau belum lengkap” bila peserta tetap menyerahkannya.</source>
        <translation>Required documents are missing. Complete them, or tick “Accept although incomplete” if the participant hands them in anyway.</translation>
    </message>
    <message>
        <location filename="../../ui/claim/page.py" line="294"/>
        <source>Tersimpan: tanda terima {0}</source>
        <translation>Saved: receipt {0}</translation>
    </message>
</context>
<context>
    <name>ClaimsPage</name>
    <message>
        <location filename="../../ui/claims/page.py" line="174"/>
        <source>Status klaim JHT</source>
        <translation>JHT claim status</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="177"/>
        <source>Klaim yang diterima di loket ini dan keputusan BPJS Ketenagakerjaan, diperbarui setiap kali data diunggah.</source>
        <translation>The claims taken at this counter and BPJS Ketenagakerjaan&apos;s decisions, brought up to date by every upload.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="187"/>
        <source>NIK, KPJ atau no. tanda terima klaim</source>
        <translation>NIK, KPJ or claim receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="192"/>
        <source>Cari (Enter)</source>
        <translation>Search (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="198"/>
        <source>Semua status</source>
        <translation>Every status</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="199"/>
        <source>Disetujui, menunggu dibayar</source>
        <translation>Approved, waiting to be paid</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="200"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="201"/>
        <source>Menunggu keputusan</source>
        <translation>Awaiting the decision</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="202"/>
        <source>Diverifikasi</source>
        <translation>Under verification</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="203"/>
        <source>Belum terkirim</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="204"/>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="205"/>
        <source>Saring status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="209"/>
        <source>&amp;Bayar…</source>
        <translation>&amp;Pay…</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="212"/>
        <source>Bayar klaim yang disetujui (NIK dicocokkan dengan KTP)</source>
        <translation>Pay an approved claim (the NIK checked against the KTP)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="251"/>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="291"/>
        <source>{0} · diterima {1} · NIK {2} · KPJ {3} · {4}</source>
        <translation>{0} · taken {1} · NIK {2} · KPJ {3} · {4}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="294"/>
        <source>Rekening pembayaran: {0} {1} a.n. {2}</source>
        <translation>Payout account: {0} {1} in the name of {2}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="297"/>
        <source>Status: {0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="301"/>
        <source>Bruto {0} · pajak {1} · neto {2}</source>
        <translation>Gross {0} · tax {1} · net {2}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="306"/>
        <source>Alasan penolakan: {0}</source>
        <translation>Reason for rejection: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="310"/>
        <source>Diserahkan di loket {0} (data server pusat); dapat dibayar di sini.</source>
        <translation>Handed over at counter {0} (the upstream&apos;s word); can be paid here.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="314"/>
        <source>Dibayar di loket ini: bukti {0}</source>
        <translation>Paid at this counter: receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="336"/>
        <source>Klaim {0} dibayar dengan bukti {1}: cetak buktinya untuk ditandatangani penerima.</source>
        <translation>Claim {0} paid with receipt {1}: print it for the claimant to sign.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="340"/>
        <source>Server pusat belum menerima konfirmasinya: dikirim lagi saat aplikasi dimulai.</source>
        <translation>The upstream has not taken its confirmation yet: sent again when the app starts.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="362"/>
        <source>{0} klaim; {1} disetujui, menunggu dibayar.</source>
        <translation>{0} claims; {1} approved, waiting to be paid.</translation>
    </message>
</context>
<context>
    <name>ClosedStep</name>
    <message>
        <location filename="../../ui/day_close/steps.py" line="272"/>
        <source>Kas seharusnya</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="273"/>
        <source>Kas dihitung</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="274"/>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="275"/>
        <source>Debit rekening</source>
        <translation>Debit-account payments</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="284"/>
        <source>Server pusat</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="288"/>
        <location filename="../../ui/day_close/steps.py" line="347"/>
        <source>&amp;Coba lagi</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="294"/>
        <source>Buka &amp;kembali hari kerja…</source>
        <translation>Re&amp;open the business day…</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="308"/>
        <source>Hari kerja {0} ditutup</source>
        <translation>Business day {0} closed</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="310"/>
        <source>Laporan {0}</source>
        <translation>Report {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="313"/>
        <source>Ditutup {0} oleh {1}</source>
        <translation>Closed {0} by {1}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="319"/>
        <source>Selisih disetujui {0}: {1}</source>
        <translation>Difference approved by {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="328"/>
        <source>Terkonfirmasi server pusat {0}</source>
        <translation>Confirmed by the upstream {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="336"/>
        <source>Belum dikonfirmasi server pusat.</source>
        <translation>Not yet confirmed by the upstream.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="337"/>
        <source>Kirim ke &amp;server pusat</source>
        <translation>Send to the &amp;upstream</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="342"/>
        <source>Mengirim penutupan ke server pusat…</source>
        <translation>Sending the close to the upstream…</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="250"/>
        <source>Periksa dan simpan</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="253"/>
        <source>Tekan Selesai untuk menyimpan. Setelah itu masuk dengan ID supervisor dan PIN.</source>
        <translation>Press Finish to save. Then log in with the supervisor&apos;s ID and PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="263"/>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ContributionPage</name>
    <message>
        <location filename="../../ui/contribution/page.py" line="67"/>
        <source>Pembayaran iuran</source>
        <translation>Contribution payment</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="72"/>
        <source>Alt+B iuran BPU · Alt+U iuran PU · Enter kolom berikutnya, di kolom terakhir simpan · Ctrl+S simpan · Esc kosongkan</source>
        <translation>Alt+B BPU contribution · Alt+U PU contribution · Enter next field, on the last one save · Ctrl+S save · Esc clear</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="79"/>
        <source>BPU — peserta mandiri (Alt+B)</source>
        <translation>BPU — self-employed participant (Alt+B)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="81"/>
        <source>PU — tagihan perusahaan (Alt+U)</source>
        <translation>PU — employer&apos;s bill (Alt+U)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="89"/>
        <source>Jenis iuran:</source>
        <translation>Contribution type:</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="125"/>
        <source>* wajib diisi</source>
        <translation>* required</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="137"/>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="139"/>
        <source>Kosongkan (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="218"/>
        <source>Isi tagihan per program dari kode iuran.</source>
        <translation>Enter the billed amount per programme from the payment code.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="230"/>
        <source>Isi NIK atau KPJ peserta, lalu pilih tingkat penghasilan.</source>
        <translation>Enter the participant&apos;s NIK or KPJ, then choose the income tier.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="306"/>
        <source>Pilih tingkat penghasilan.</source>
        <translation>Choose the income tier.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="380"/>
        <source>Terima pembayaran tunai</source>
        <translation>Take cash payment</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="381"/>
        <source>Terima pembayaran tunai?</source>
        <translation>Take this cash payment?</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="383"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="384"/>
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="385"/>
        <source>Kembalian</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="387"/>
        <source>Terima dan simpan (Enter)</source>
        <translation>Take and save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="410"/>
        <source>Tersimpan: tanda terima {0}</source>
        <translation>Saved: receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/page.py" line="415"/>
        <source>Kembalian {0}   (diterima {1})</source>
        <translation>Change {0}   (received {1})</translation>
    </message>
</context>
<context>
    <name>CountStep</name>
    <message>
        <location filename="../../ui/day_close/steps.py" line="74"/>
        <source>Hitung uang di laci per pecahan dan isi jumlah lembar/keping (Enter ke pecahan berikutnya). Kas seharusnya baru tampil setelah hitungan disimpan.</source>
        <translation>Count the cash in the drawer by denomination and type the number of notes/coins (Enter goes to the next denomination). The expected cash is shown only once the count is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="86"/>
        <source>Simpan hitungan (Ctrl+Enter)</source>
        <translation>Save the count (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DayClosePage</name>
    <message>
        <location filename="../../ui/day_close/page.py" line="94"/>
        <source>Tutup hari kerja</source>
        <translation>Close the business day</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="102"/>
        <source>Kembali ke hari ini</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="109"/>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="111"/>
        <source>Hitung &amp;modal awal…</source>
        <translation>Count the opening &amp;float…</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="217"/>
        <source>Belum dibuka. Bila modal awal belum dihitung, transaksi pertama membuka hari kerja dengan modal awal Rp0.</source>
        <translation>Not opened yet. If the opening float is not counted, the first transaction opens the business day with a float of Rp0.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="221"/>
        <source>Sudah ditutup · {0} transaksi</source>
        <translation>Closed · {0} transactions</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="227"/>
        <source>Dibuka otomatis oleh transaksi pertama pukul {0} · modal awal belum dihitung (Rp0) · {1} transaksi</source>
        <translation>Opened automatically by the first transaction at {0} · opening float not counted (Rp0) · {1} transactions</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="231"/>
        <source>Dibuka pukul {0} oleh {1} · modal awal {2} · {3} transaksi</source>
        <translation>Opened at {0} by {1} · opening float {2} · {3} transactions</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="235"/>
        <source>dibuka kembali setelah laporan versi {0}</source>
        <translation>reopened after report version {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="251"/>
        <source>Hari kerja sebelumnya belum ditutup: {0}.</source>
        <translation>Earlier business days not closed: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="254"/>
        <source>Tutup {0}</source>
        <translation>Close {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="320"/>
        <source>Semua pecahan 0. Laci benar-benar kosong? Simpan sekali lagi untuk mencatat laci kosong.</source>
        <translation>Every denomination is 0. Is the drawer really empty? Save once more to record an empty drawer.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/page.py" line="421"/>
        <source>{0} transaksi masih menunggu unggah; hari kerja belum dikonfirmasi.</source>
        <translation>{0} transactions are still waiting for upload; the day is not confirmed yet.</translation>
    </message>
</context>
<context>
    <name>DemoUsers</name>
    <message>
        <location filename="../../ui/login.py" line="130"/>
        <source>Pengguna demo</source>
        <translation>Demo users</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="135"/>
        <source>ID pengguna</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="135"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="135"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="135"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="137"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="137"/>
        <source>Teller</source>
        <translation>Teller</translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <location filename="../../ui/journal/page.py" line="68"/>
        <source>Jurnal transaksi</source>
        <translation>Transaction journal</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="72"/>
        <source>Ketik untuk mencari · ↓ ke daftar · Ctrl+R cetak ulang · Del batalkan · Esc kosongkan pencarian</source>
        <translation>Type to search · ↓ to the list · Ctrl+R reprint · Del void · Esc clear the search</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="80"/>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="86"/>
        <source>No. tanda terima, NIK, KPJ (atau angka terakhirnya), kode iuran atau nama</source>
        <translation>Receipt no., NIK, KPJ (or its last digits), payment code or name</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="89"/>
        <source>&amp;Tanggal</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="129"/>
        <location filename="../../ui/journal/page.py" line="132"/>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="144"/>
        <source>Cetak ulang (Ctrl+R)</source>
        <translation>Reprint (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="146"/>
        <source>Batalkan (Del)</source>
        <translation>Void (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="256"/>
        <source>Tunai {0} ({1}) · Debit {2} ({3}) · Dibatalkan {4} ({5})</source>
        <translation>Cash {0} ({1}) · Debit {2} ({3}) · Voided {4} ({5})</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="297"/>
        <source>Tidak dikenali: ketik nomor tanda terima, NIK (16 angka), KPJ, kode iuran (12 angka) atau nama.</source>
        <translation>Not recognised: type a receipt number, NIK (16 digits), KPJ, payment code (12 digits) or name.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="408"/>
        <source>Salinan ke-{0} tanda terima {1} siap dicetak.</source>
        <translation>Copy {0} of receipt {1} is ready to print.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="412"/>
        <source>Tanda terima asli {0} siap dicetak (belum pernah dicetak).</source>
        <translation>Original receipt {0} ready to print (never printed yet).</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="445"/>
        <source>Bukti pembatalan tidak dapat dibatalkan.</source>
        <translation>A void cannot be voided.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="447"/>
        <source>Tanda terima {0} sudah dibatalkan dengan {1}.</source>
        <translation>Receipt {0} has already been voided by {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="451"/>
        <source>Hanya transaksi hari kerja yang sedang berjalan yang dapat dibatalkan.</source>
        <translation>Only transactions of the open business day can be voided.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/page.py" line="455"/>
        <source>Dibatalkan dengan {0}.</source>
        <translation>Voided by {0}.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../ui/window/lock.py" line="44"/>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/window/lock.py" line="62"/>
        <source>{0} ({1}): masukkan PIN untuk membuka.</source>
        <translation>{0} ({1}): enter your PIN to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/window/lock.py" line="69"/>
        <source>&amp;Ganti pengguna…</source>
        <translation>&amp;Switch user…</translation>
    </message>
    <message>
        <location filename="../../ui/window/lock.py" line="86"/>
        <source>Pengguna lain masuk ke jendelanya sendiri. Layar {0} tetap terkunci dan isiannya tersimpan sampai {0} masuk lagi.</source>
        <translation>Another user logs in to a window of their own. {0}&apos;s screen stays locked, and what is typed in it is kept until {0} logs in again.</translation>
    </message>
    <message>
        <location filename="../../ui/window/lock.py" line="98"/>
        <source>&amp;Kembali (Esc)</source>
        <translation>&amp;Back (Esc)</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <location filename="../../ui/login.py" line="48"/>
        <source>ID &amp;pengguna</source>
        <translation>&amp;User ID</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="49"/>
        <source>P&amp;IN</source>
        <translation>P&amp;IN</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="52"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="52"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <location filename="../../ui/login.py" line="166"/>
        <source>SPO Counter — {0}</source>
        <translation>SPO Counter — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="175"/>
        <source>Masukkan ID pengguna dan PIN Anda.</source>
        <translation>Enter your user ID and PIN.</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <location filename="../../ui/lookup/page.py" line="71"/>
        <source>Cek peserta dan tagihan</source>
        <translation>Look up participants and bills</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="72"/>
        <source>Ketik NIK, nomor KPJ atau kode iuran, lalu Enter · Esc kosongkan</source>
        <translation>Type a NIK, KPJ number or payment code, then Enter · Esc clears</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="78"/>
        <source>NIK, KPJ atau kode iuran</source>
        <translation>NIK, KPJ or payment code</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="80"/>
        <source>Cari (Enter)</source>
        <translation>Look up (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="120"/>
        <source>Ketik NIK, nomor KPJ atau kode iuran.</source>
        <translation>Type a NIK, KPJ number or payment code.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="126"/>
        <source>Menanyakan server pusat…</source>
        <translation>Asking the upstream…</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="156"/>
        <source>Jawaban server pusat per {0}.</source>
        <translation>The upstream&apos;s answer as of {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="169"/>
        <source>Server pusat tidak dapat dihubungi saat ini: loket bekerja offline. Peserta yang terdaftar di loket ini tetap dapat membayar. Coba lagi nanti.</source>
        <translation>The upstream cannot be reached now: the counter works offline. Participants registered at this counter can still pay. Try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="174"/>
        <source>Alamat server pusat belum diatur di loket ini: minta supervisor mengisinya di Pengaturan.</source>
        <translation>No upstream address is set at this counter: ask a supervisor to fill it in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="180"/>
        <source>Server pusat menolak permintaan loket ini. Hubungi petugas TI bank.</source>
        <translation>The upstream refused this counter&apos;s request. Call the bank&apos;s IT staff.</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="189"/>
        <source>belum ada iuran yang dibayar</source>
        <translation>no contribution paid yet</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="191"/>
        <source>dilindungi s.d. {0}</source>
        <translation>protected through {0}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="195"/>
        <source>berakhir {0}</source>
        <translation>ended {0}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="196"/>
        <source>{0}, jatuh tempo {1}</source>
        <translation>{0}, due {1}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="200"/>
        <source>{0} (sudah lewat)</source>
        <translation>{0} (past due)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="202"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="205"/>
        <source>KPJ</source>
        <translation>KPJ</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="207"/>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="212"/>
        <location filename="../../ui/lookup/page.py" line="281"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="213"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="215"/>
        <source>Tidak aktif (lebih dari 3 bulan menunggak)</source>
        <translation>Inactive (more than 3 months unpaid)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="220"/>
        <source>Masa perlindungan</source>
        <translation>Protection</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="224"/>
        <source>Lunas s.d.</source>
        <translation>Paid through</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="225"/>
        <source>Iuran berikutnya</source>
        <translation>Next contribution</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="228"/>
        <source>Dapat dibayar</source>
        <translation>May be paid</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="229"/>
        <source>{0} sampai {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="234"/>
        <source>Program</source>
        <translation>Programs</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="235"/>
        <source>Penghasilan</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="242"/>
        <source>Iuran 1 bulan</source>
        <translation>1 month&apos;s contribution</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="244"/>
        <source> (dengan diskon)</source>
        <translation> (with relief)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="250"/>
        <source>Saldo JHT</source>
        <translation>JHT balance</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="257"/>
        <source>NPP</source>
        <translation>NPP</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="258"/>
        <source>Kode iuran</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="259"/>
        <source>Periode</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="265"/>
        <source>Total tagihan</source>
        <translation>Total billed</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="266"/>
        <source>Jatuh tempo</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="271"/>
        <source>Denda keterlambatan</source>
        <translation>Late fine</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="272"/>
        <source>{0} ({1} bulan)</source>
        <translation>{0} ({1} months)</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="282"/>
        <source>Belum dibayar</source>
        <translation>Not paid</translation>
    </message>
    <message>
        <location filename="../../ui/lookup/page.py" line="282"/>
        <source>Sudah dibayar</source>
        <translation>Paid</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window/main_window.py" line="94"/>
        <source>SPO Counter — {0}</source>
        <translation>SPO Counter — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="168"/>
        <source>Ganti &amp;PIN…</source>
        <translation>Change &amp;PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="171"/>
        <source>&amp;Kunci layar</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="174"/>
        <source>K&amp;eluar</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="185"/>
        <source>Akun: {0}</source>
        <translation>Account: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="271"/>
        <source>Mencetak tanda terima {0}…</source>
        <translation>Printing receipt {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="275"/>
        <source>Tanda terima {0} sudah keluar di {1}.</source>
        <translation>Receipt {0} is out on {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="280"/>
        <source>Tanda terima {0} GAGAL dicetak: {1}</source>
        <translation>Receipt {0} did NOT print: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="397"/>
        <source>PIN Anda sudah diganti.</source>
        <translation>Your PIN has been changed.</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="418"/>
        <source>Membatalkan setelah kiriman ini…</source>
        <translation>Cancelling after this batch…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="508"/>
        <source>Keluar</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="509"/>
        <source>Isian di {0} belum disimpan. Keluar dan buang isiannya?</source>
        <translation>What was typed in {0} is not saved. Leave and throw it away?</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="512"/>
        <source>&amp;Keluar tanpa menyimpan</source>
        <translation>&amp;Leave without saving</translation>
    </message>
</context>
<context>
    <name>NavList</name>
    <message>
        <location filename="../../ui/window/nav.py" line="65"/>
        <source>Tombol pintas: {0}</source>
        <translation>Shortcut: {0}</translation>
    </message>
</context>
<context>
    <name>OpenDayDialog</name>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="110"/>
        <source>Buka hari kerja</source>
        <translation>Open the business day</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="110"/>
        <location filename="../../ui/day_close/open_day.py" line="179"/>
        <source>Modal awal</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="114"/>
        <source>Modal awal hari kerja {0}</source>
        <translation>Opening float of business day {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="116"/>
        <source>Buka hari kerja {0}</source>
        <translation>Open business day {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="123"/>
        <source>Hari kerja sudah dibuka otomatis oleh transaksi pertama dengan modal awal Rp0. Hitung uang di laci per pecahan dan catat modal awalnya (sekali saja).</source>
        <translation>The business day was opened automatically by the first transaction with a float of Rp0. Count the cash in the drawer by denomination and record the opening float (once only).</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="128"/>
        <source>Hitung modal awal di laci per pecahan (Enter atau Tab ke pecahan berikutnya; Ctrl+Enter mencatat). Esc: nanti; transaksi pertama akan membuka hari kerja dengan modal awal Rp0.</source>
        <translation>Count the opening float in the drawer by denomination (Enter or Tab to the next one; Ctrl+Enter records it). Esc: later; the first transaction will open the business day with an opening float of Rp0.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="146"/>
        <source>Catat modal awal (Ctrl+Enter)</source>
        <translation>Record opening float (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="148"/>
        <source>Buka hari kerja (Ctrl+Enter)</source>
        <translation>Open business day (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="152"/>
        <source>Nanti (Esc)</source>
        <translation>Later (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="190"/>
        <source>Catat modal awal ini?</source>
        <translation>Record this opening float?</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="192"/>
        <source>Catat (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="196"/>
        <source>Semua pecahan 0: modal awal Rp0 (tidak dapat diubah sesudahnya).</source>
        <translation>Every denomination is 0: an opening float of Rp0 (it cannot be changed afterwards).</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="198"/>
        <source>Modal awal tidak dapat diubah sesudah dicatat.</source>
        <translation>The opening float cannot be changed once recorded.</translation>
    </message>
</context>
<context>
    <name>PayoutDialog</name>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="64"/>
        <source>Bayar klaim JHT</source>
        <translation>Pay a JHT claim</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="67"/>
        <source>Bayar klaim {0}</source>
        <translation>Pay claim {0}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="72"/>
        <source>{0} · {1} · bruto {2} · pajak {3} · neto {4}</source>
        <translation>{0} · {1} · gross {2} · tax {3} · net {4}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="86"/>
        <source>Cocokkan penerima dengan KTP asli: ketik lagi NIK dari KTP yang ditunjukkan. Pembayaran dipesan dulu di server pusat, jadi perlu sambungan; klaim tidak pernah dibayar dua kali.</source>
        <translation>Check the claimant against the original KTP: type the NIK on the KTP shown again. The payout is reserved at the upstream first, so it needs the link; a claim is never paid twice.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="96"/>
        <source>16 angka dari KTP</source>
        <translation>16 digits from the KTP</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="97"/>
        <source>&amp;NIK penerima</source>
        <translation>Claimant&apos;s &amp;NIK</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="101"/>
        <source>Nama &amp;ahli waris (KTP)</source>
        <translation>&amp;Heir&apos;s name (KTP)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="105"/>
        <source>Transfer ke {0} {1}</source>
        <translation>Transfer to {0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="110"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="111"/>
        <source>&amp;Cara bayar</source>
        <translation>&amp;Method</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="113"/>
        <source>nomor referensi transfer dari bank</source>
        <translation>the bank&apos;s transfer reference</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="115"/>
        <source>&amp;Referensi transfer</source>
        <translation>Transfer &amp;reference</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="118"/>
        <source>Pembayaran tunai sebesar ini perlu persetujuan supervisor lain.</source>
        <translation>A cash payout this large needs another supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="129"/>
        <source>Bayar (Enter)</source>
        <translation>Pay (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="131"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="192"/>
        <source>Bayar {0} (Enter)</source>
        <translation>Pay {0} (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="200"/>
        <source>Bruto</source>
        <translation>Gross</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="201"/>
        <source>PPh 21</source>
        <translation>Income tax (PPh 21)</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="202"/>
        <source>Neto dibayar</source>
        <translation>Net paid</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="207"/>
        <source>tunai dari laci</source>
        <translation>cash from the drawer</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="209"/>
        <source>transfer ke {0} {1}, referensi {2}</source>
        <translation>transfer to {0} {1}, reference {2}</translation>
    </message>
    <message>
        <location filename="../../ui/claims/payout_dialog.py" line="213"/>
        <source>Bayar klaim {0} kepada {1}, NIK {2} ({3})?</source>
        <translation>Pay claim {0} to {1}, NIK {2} ({3})?</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="141"/>
        <source>Profil loket</source>
        <translation>Counter profile</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="144"/>
        <source>Loket ini belum disiapkan. Data berikut tercetak di setiap tanda terima; kode loket (bank, cabang, nomor) tidak bisa diubah setelah disimpan.</source>
        <translation>This counter is not set up yet. The details below are printed on every receipt; the counter code (bank, branch, number) cannot be changed once saved.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="151"/>
        <source>— pilih bank —</source>
        <translation>— choose a bank —</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="157"/>
        <source>4 angka, mis. 0123</source>
        <translation>4 digits, e.g. 0123</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="159"/>
        <source>mis. KC Jakarta Kota</source>
        <translation>e.g. KC Jakarta Kota</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="171"/>
        <source>&amp;Bank</source>
        <translation>&amp;Bank</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="172"/>
        <source>Kode &amp;cabang</source>
        <translation>B&amp;ranch code</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="175"/>
        <source>&amp;Nama cabang</source>
        <translation>Branch &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="177"/>
        <source>Seperti tercetak di tanda terima.</source>
        <translation>As printed on receipts.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="179"/>
        <source>Nomor &amp;loket</source>
        <translation>&amp;Counter number</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="180"/>
        <source>&amp;Zona waktu</source>
        <translation>&amp;Time zone</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="183"/>
        <source>&amp;Kertas tanda terima</source>
        <translation>Receipt &amp;paper</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="185"/>
        <source>Bisa diubah nanti di Pengaturan.</source>
        <translation>Can be changed later in Settings.</translation>
    </message>
</context>
<context>
    <name>PuPanel</name>
    <message>
        <location filename="../../ui/contribution/pu.py" line="63"/>
        <location filename="../../ui/contribution/pu.py" line="67"/>
        <source>{0} angka</source>
        <translation>{0} digits</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="84"/>
        <source>Rp0</source>
        <translation>Rp0</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="108"/>
        <source>&amp;Kode iuran</source>
        <translation>&amp;Payment code</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="109"/>
        <source>N&amp;PP</source>
        <translation>N&amp;PP</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="110"/>
        <source>Nama pe&amp;mberi kerja</source>
        <translation>E&amp;mployer&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="111"/>
        <source>Periode &amp;iuran</source>
        <translation>Contribution per&amp;iod</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="112"/>
        <source>&amp;Tagihan</source>
        <translation>&amp;Bill</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="174"/>
        <source>Menanyakan tagihan ke server pusat…</source>
        <translation>Asking the upstream for the bill…</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="217"/>
        <source>Tagihan {0} ({1}, {2}) sudah lunas: tidak ada yang perlu dibayar.</source>
        <translation>Bill {0} ({1}, {2}) is already paid: nothing is due.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="236"/>
        <source>Luring: isi tagihan dari lembar tagihan perusahaan.</source>
        <translation>Offline: type the bill from the employer&apos;s bill sheet.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="263"/>
        <source>Tagihan {0}, jatuh tempo {1}</source>
        <translation>Bill for {0}, due {1}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="272"/>
        <source>Lewat jatuh tempo {0} bulan: denda {1} ditagih BPJS kepada perusahaan, tidak dibayar di loket.</source>
        <translation>{0} month(s) past due: the fine of {1} is billed to the employer by BPJS, not paid at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/pu.py" line="331"/>
        <source>Periode {0}</source>
        <translation>Period {0}</translation>
    </message>
</context>
<context>
    <name>QuarantinePage</name>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="137"/>
        <source>Karantina</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="141"/>
        <source>Data yang ditolak server pusat. Data lain tetap terkirim; perbaiki masalahnya (atau tunggu server pusat diperbaiki), lalu kirim ulang. Pembayaran iuran yang ditolak dikembalikan kepada peserta dengan persetujuan supervisor.</source>
        <translation>Records the upstream refused. Other records are still sent; put the problem right (or wait for the upstream to be fixed), then send again. A refused contribution payment is refunded to the participant with a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="161"/>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="163"/>
        <source>Kirim ulang</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="167"/>
        <source>Kembalikan iuran</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="209"/>
        <source>{0} data ditolak server pusat.</source>
        <translation>{0} records refused by the central server.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="211"/>
        <source>Tidak ada data yang ditolak.</source>
        <translation>No refused records.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="223"/>
        <source>Mengirim ulang data yang ditolak…</source>
        <translation>Sending the refused records again…</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="255"/>
        <source>Dikembalikan dengan {0}: cetak buktinya untuk ditandatangani peserta.</source>
        <translation>Refunded by {0}: print its receipt for the participant to sign.</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt/preview.py" line="75"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="84"/>
        <source>Menyiapkan tanda terima…</source>
        <translation>Preparing the receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="117"/>
        <source>Cetak (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="120"/>
        <source>Simpan PDF (Ctrl+Shift+S)</source>
        <translation>Save PDF (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="122"/>
        <source>Tutup (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="210"/>
        <source>Tanda terima tidak dapat ditampilkan.</source>
        <translation>The receipt cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="220"/>
        <source>Tanda terima {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="233"/>
        <source>{0}
Transaksi SUDAH tersimpan; tanda terima dapat dicetak ulang dari jurnal.</source>
        <translation>{0}
The transaction IS saved; the receipt can be reprinted from the journal.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="241"/>
        <source>Tanda terima tidak dapat dibuat</source>
        <translation>The receipt cannot be made</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="279"/>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="294"/>
        <source>Tanda terima sudah keluar di {0}.</source>
        <translation>The receipt is out on {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="299"/>
        <source>Cetak ulang (Ctrl+P)</source>
        <translation>Print again (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="324"/>
        <source>Tanda terima belum dicetak</source>
        <translation>Receipt not printed</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="326"/>
        <source>Tanda terima ini belum dicetak atau disimpan. Tutup tanpa mencetak?
Transaksi tetap tersimpan; tanda terima asli dapat dicetak dari jurnal.</source>
        <translation>This receipt was neither printed nor saved. Close without printing?
The transaction stays saved; the original receipt can be printed from the journal.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="332"/>
        <source>Tutup tanpa cetak</source>
        <translation>Close without printing</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="333"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="367"/>
        <source>Simpan tanda terima sebagai PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="369"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="390"/>
        <source>Tersimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/receipt/preview.py" line="395"/>
        <source>Gagal menyimpan: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="33"/>
        <source>Kembalikan iuran</source>
        <translation>Refund a payment</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="34"/>
        <source>Kembalikan iuran {0}</source>
        <translation>Refund payment {0}</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="35"/>
        <source>{0} · {1} · dibayar {2} · ditolak server pusat: {3}</source>
        <translation>{0} · {1} · paid {2} · refused by the upstream: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="42"/>
        <source>Serahkan {0} kepada peserta (atau kembalikan ke rekening yang didebit) dan minta tanda tangannya pada bukti pengembalian. Pembayaran tidak dihapus: dicatat bukti pengembalian baru yang menunjuk ke pembayaran ini, sekali saja. Perlu persetujuan supervisor lain.</source>
        <translation>Hand {0} to the participant (or return it to the debited account) and have them sign the refund receipt. The payment is not deleted: a new refund receipt referring to it is recorded, once only. Another supervisor must approve.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="47"/>
        <source>Kembalikan iuran (Enter)</source>
        <translation>Refund (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="62"/>
        <source>Pembayaran</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="63"/>
        <source>Peserta</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../ui/upload/refund_dialog.py" line="64"/>
        <source>Uang dikembalikan</source>
        <translation>Money handed back</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <location filename="../../ui/registration/page.py" line="80"/>
        <source>Pendaftaran peserta BPU</source>
        <translation>BPU participant registration</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="84"/>
        <source>Tab pindah kolom · Enter/Ctrl+S simpan · Esc kosongkan formulir</source>
        <translation>Tab next field · Enter/Ctrl+S save · Esc clear the form</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="94"/>
        <source>HH/BB/TTTT (terisi dari NIK)</source>
        <translation>DD/MM/YYYY (filled in from the NIK)</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="97"/>
        <source>— pilih —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="98"/>
        <source>L — Laki-laki</source>
        <translation>L — Male</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="99"/>
        <source>P — Perempuan</source>
        <translation>P — Female</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="107"/>
        <source>— pilih tingkat penghasilan —</source>
        <translation>— choose an income tier —</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="116"/>
        <source>Wajib</source>
        <translation>Mandatory</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="117"/>
        <source>JHT (pilihan)</source>
        <translation>JHT (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="127"/>
        <source>boleh kosong</source>
        <translation>may be left empty</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="146"/>
        <source>&amp;NIK</source>
        <translation>&amp;NIK</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="147"/>
        <source>Nama &amp;lengkap</source>
        <translation>Fu&amp;ll name</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="148"/>
        <source>&amp;Tempat lahir</source>
        <translation>Place of bir&amp;th</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="149"/>
        <source>Tanggal lahi&amp;r</source>
        <translation>Date of bi&amp;rth</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="150"/>
        <source>&amp;Jenis kelamin</source>
        <translation>&amp;Sex</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="151"/>
        <source>Nama &amp;ibu kandung</source>
        <translation>&amp;Mother&apos;s maiden name</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="152"/>
        <source>No. &amp;HP</source>
        <translation>M&amp;obile number</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="153"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="154"/>
        <source>&amp;Pekerjaan</source>
        <translation>O&amp;ccupation</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="155"/>
        <source>Penghasilan per &amp;bulan</source>
        <translation>Monthly &amp;income</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="156"/>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;grams</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="157"/>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="158"/>
        <source>&amp;Kode agen Perisai</source>
        <translation>Perisai agent co&amp;de</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="177"/>
        <source>* wajib diisi</source>
        <translation>* required</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="187"/>
        <source>Simpan (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="189"/>
        <source>Kosongkan (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="192"/>
        <source>Bayar iuran pertama (Ctrl+I)</source>
        <translation>Pay the first contribution (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="246"/>
        <source>Provinsi: {0}</source>
        <translation>Province: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/registration/page.py" line="300"/>
        <source>Tersimpan: tanda terima {0}</source>
        <translation>Saved: receipt {0}</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="46"/>
        <source>Buka kembali hari kerja</source>
        <translation>Reopen the business day</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="49"/>
        <source>Buka kembali hari kerja {0}</source>
        <translation>Reopen business day {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="54"/>
        <source>Laporan {0} tetap tersimpan apa adanya. Setelah dibuka kembali, kas dihitung dan hari ditutup lagi: laporan versi {1}.</source>
        <translation>Report {0} stays stored as it is. Once reopened, the cash is counted and the day closed again: report version {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="63"/>
        <source>mis. Salah hitung uang logam</source>
        <translation>e.g. Coins miscounted</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="66"/>
        <source>&amp;Alasan membuka kembali</source>
        <translation>&amp;Reason for reopening</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="70"/>
        <source>Buka kembali (Enter)</source>
        <translation>Reopen (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/reopen.py" line="72"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../ui/day_close/report.py" line="59"/>
        <source>Cetak (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="61"/>
        <source>Simpan PDF (Ctrl+Shift+S)</source>
        <translation>Save PDF (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="81"/>
        <source>Laporan tidak dapat ditampilkan.</source>
        <translation>The report cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="107"/>
        <source>Laporan tutup hari {0}</source>
        <translation>Day close report {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="113"/>
        <source>Cetak laporan tutup hari</source>
        <translation>Print the day close report</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="129"/>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="136"/>
        <source>Gagal mencetak: {0}
Laporan tetap tersimpan; cetak lagi nanti.</source>
        <translation>Printing failed: {0}
The report stays stored; print it again later.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="142"/>
        <source>Laporan dikirim ke {0}.</source>
        <translation>Report sent to {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="157"/>
        <source>Simpan laporan tutup hari sebagai PDF</source>
        <translation>Save the day close report as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="159"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="176"/>
        <source>Tersimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/report.py" line="181"/>
        <source>Gagal menyimpan: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/settings/restore.py" line="59"/>
        <source>Pulihkan dari cadangan</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="63"/>
        <source>Cadangan: {0}
Dibuat: {1}</source>
        <translation>Backup: {0}
Made: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="72"/>
        <source>Data loket sekarang disimpan di samping (tidak ditimpa, tidak dihapus), lalu cadangan ini dipasang. Transaksi setelah cadangan diambil kembali dari server pusat. Aplikasi lalu ditutup; bukalah lagi.</source>
        <translation>The counter&apos;s current data is kept aside (never overwritten, never deleted), then this backup is put in place. Transactions after the backup are taken back from the upstream. The application then closes; open it again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="86"/>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="88"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="125"/>
        <source>Dipulihkan dari {0}.</source>
        <translation>Restored from {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="128"/>
        <source>Diambil kembali dari server pusat: {0} transaksi.</source>
        <translation>Taken back from the upstream: {0} transactions.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="134"/>
        <source>Server pusat belum dapat ditanya: transaksi baru menunggu ({0}).</source>
        <translation>The upstream could not be asked yet: new transactions wait ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="138"/>
        <source>Tutup aplikasi lalu buka lagi.</source>
        <translation>Close the application and open it again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/restore.py" line="142"/>
        <source>Tutup aplikasi</source>
        <translation>Close the application</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <location filename="../../ui/day_close/steps.py" line="108"/>
        <source>Kas di laci</source>
        <translation>Cash in the drawer</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="122"/>
        <source>Modal awal</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="123"/>
        <source>+ Tunai diterima</source>
        <translation>+ Cash received</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="124"/>
        <source>− Tunai dibatalkan</source>
        <translation>− Cash voided</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="125"/>
        <source>− Iuran dikembalikan</source>
        <translation>− Payments refunded</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="126"/>
        <source>Kas seharusnya</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="127"/>
        <source>Kas dihitung</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="128"/>
        <source>Selisih</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="129"/>
        <source>Debit rekening (tidak masuk laci)</source>
        <translation>Debit-account payments (not in the drawer)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="145"/>
        <source>Persetujuan selisih</source>
        <translation>Approval of the difference</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="147"/>
        <source>Selisih tidak dipaksa menjadi nol: tuliskan alasannya, lalu supervisor lain (bukan yang menghitung) mengetik ID dan PIN-nya.</source>
        <translation>A difference is never forced to zero: write its reason, then another supervisor (not the one who counted) types their ID and PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="150"/>
        <source>&amp;Alasan selisih</source>
        <translation>&amp;Reason for the difference</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="152"/>
        <source>mis. Uang kembalian salah beri</source>
        <translation>e.g. Wrong change given</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="165"/>
        <location filename="../../ui/day_close/steps.py" line="214"/>
        <source>Tutup hari (Enter)</source>
        <translation>Close the day (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="168"/>
        <source>Hitung ulang (Esc)</source>
        <translation>Count again (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="201"/>
        <source>Kas lebih {0} dari seharusnya.</source>
        <translation>The cash is {0} over what was expected.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="205"/>
        <source>Kas kurang {0} dari seharusnya.</source>
        <translation>The cash is {0} short of what was expected.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="209"/>
        <source>Kas cocok. Enter untuk menutup hari kerja.</source>
        <translation>The cash matches. Enter closes the business day.</translation>
    </message>
    <message>
        <location filename="../../ui/day_close/steps.py" line="213"/>
        <source>Tutup hari dengan selisih (Enter)</source>
        <translation>Close the day with the difference (Enter)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings/page.py" line="86"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="90"/>
        <source>Anda masuk sebagai teller: pengaturan hanya bisa dilihat. Untuk mengubahnya, minta supervisor masuk.</source>
        <translation>You are logged in as a teller: the settings can only be viewed. To change them, ask a supervisor to log in.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="171"/>
        <source>Tanda terima dan printer</source>
        <translation>Receipts and printer</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="176"/>
        <source>&amp;Kertas tanda terima</source>
        <translation>Receipt &amp;paper</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="177"/>
        <source>Untuk semua tanda terima loket ini, juga cetak ulang.</source>
        <translation>For every receipt of this counter, reprints too.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="180"/>
        <source>P&amp;rinter</source>
        <translation>P&amp;rinter</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="182"/>
        <source>mis. Jl. Jend. Sudirman No. 1, Jakarta Pusat</source>
        <translation>e.g. Jl. Jend. Sudirman No. 1, Central Jakarta</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="184"/>
        <source>Alamat ca&amp;bang</source>
        <translation>&amp;Branch address</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="186"/>
        <source>Dicetak di bawah nama bank pada tiap tanda terima. Kosong: tidak ada.</source>
        <translation>Printed under the bank&apos;s name on every receipt. Empty: none.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="191"/>
        <source>Server pusat (unggah data)</source>
        <translation>Central server (data upload)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="194"/>
        <source>&amp;Alamat</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="197"/>
        <source>&amp;Token loket</source>
        <translation>Counter &amp;token</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="200"/>
        <source>Berkas &amp;CA</source>
        <translation>&amp;CA file</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="204"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="210"/>
        <source>Ba&amp;hasa tampilan</source>
        <translation>Display &amp;language</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="211"/>
        <location filename="../../ui/settings/page.py" line="388"/>
        <source>Bahasa baru berlaku saat aplikasi dibuka lagi.</source>
        <translation>A new language takes effect when the application is opened again.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="216"/>
        <source>Pembayaran jaminan (JHT)</source>
        <translation>Benefit payouts (JHT)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="220"/>
        <source>Batas tu&amp;nai (Rp)</source>
        <translation>Cash &amp;limit (Rp)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="222"/>
        <source>Neto di atas ini hanya dibayar dengan transfer.</source>
        <translation>A net above this is paid by transfer only.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="227"/>
        <source>Batas per&amp;setujuan (Rp)</source>
        <translation>Approval &amp;above (Rp)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="231"/>
        <source>Tunai di atas ini perlu persetujuan (PIN) supervisor; di bawah batas tunai.</source>
        <translation>Cash above this needs a supervisor&apos;s approval (PIN); below the cash limit.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="242"/>
        <source>Simpan pengaturan (Ctrl+S)</source>
        <translation>Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="291"/>
        <source>Printer bawaan sistem ({0})</source>
        <translation>System default printer ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="293"/>
        <source>Printer bawaan sistem</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="297"/>
        <source>{0} (tidak terpasang)</source>
        <translation>{0} (not installed)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="300"/>
        <source>Tidak ada printer terpasang di komputer ini.</source>
        <translation>No printer is installed on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="302"/>
        <source>Tanda terima dicetak ke printer ini.</source>
        <translation>Receipts are printed on this printer.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="308"/>
        <source>Diatur oleh IT bank lewat {0}; alamat ini yang dipakai.</source>
        <translation>Set by the bank&apos;s IT through {0}; this address is used.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="310"/>
        <source>Kosong: data tidak diunggah (tetap aman di loket).</source>
        <translation>Empty: data is not uploaded (it stays safe at the counter).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="316"/>
        <source>belum diisi</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="316"/>
        <source>tersimpan, tersembunyi</source>
        <translation>saved, hidden</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="319"/>
        <location filename="../../ui/settings/page.py" line="325"/>
        <source>Diatur oleh IT bank lewat {0}.</source>
        <translation>Set by the bank&apos;s IT through {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="321"/>
        <source>Dari IT bank; dipakai bersama alamat di atas.</source>
        <translation>From the bank&apos;s IT; used with the address above.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="328"/>
        <source>Bila IT bank memberi CA sendiri (PEM). Kosong: CA yang dipercaya sistem saja.</source>
        <translation>When the bank&apos;s IT gives its own CA (PEM). Empty: only the CAs the system trusts.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="386"/>
        <source>Pengaturan tersimpan.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="315"/>
        <source>SPO Counter — penyiapan loket</source>
        <translation>SPO Counter — counter setup</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="320"/>
        <source>&lt; &amp;Kembali</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="321"/>
        <source>&amp;Lanjut &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="322"/>
        <source>&amp;Selesai</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="323"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="351"/>
        <source>Kode loket</source>
        <translation>Counter code</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="352"/>
        <source>Cabang</source>
        <translation>Branch</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="353"/>
        <source>Zona waktu</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="354"/>
        <source>Kertas tanda terima</source>
        <translation>Receipt paper</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="356"/>
        <source>Supervisor pertama</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="426"/>
        <source>Batalkan penyiapan?</source>
        <translation>Cancel the setup?</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="427"/>
        <source>Loket belum disiapkan. Tutup aplikasi tanpa menyimpan?</source>
        <translation>The counter is not set up yet. Close the application without saving?</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="118"/>
        <source>Lembar pemulihan kunci</source>
        <translation>Keys&apos; recovery sheet</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="120"/>
        <source>Lembar pemulihan kunci loket disimpan di:
{0}

Cetak lembar itu, simpan di brankas cabang, lalu hapus berkasnya. Tanpa lembar itu data loket tidak dapat dibuka di PC lain bila PC ini hilang atau rusak.</source>
        <translation>The recovery sheet of the counter&apos;s keys was saved to:
{0}

Print it, keep it in the branch safe, then delete the file. Without it, the counter&apos;s data cannot be opened on another PC if this PC is lost or broken.</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="434"/>
        <source>Pembayaran klaim yang terputus diselesaikan: {0}.</source>
        <translation>Cut-off claim payouts finished: {0}.</translation>
    </message>
</context>
<context>
    <name>StatementPanel</name>
    <message>
        <location filename="../../ui/agents/page.py" line="152"/>
        <source>Laporan bulanan agen</source>
        <translation>Agent&apos;s monthly statement</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="160"/>
        <source>&amp;Bulan</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="181"/>
        <source>Simpan &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="182"/>
        <source>Simpan &amp;CSV…</source>
        <translation>Save &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="183"/>
        <source>Simpan &amp;XLSX…</source>
        <translation>Save &amp;XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="226"/>
        <source>Peserta baru didaftarkan</source>
        <translation>New participants registered</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="229"/>
        <source>Pembayaran iuran dibawa</source>
        <translation>Contribution payments brought</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="234"/>
        <source>Iuran dihimpun {0}</source>
        <translation>Contributions collected {0}</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="237"/>
        <source>Iuran dihimpun</source>
        <translation>Contributions collected</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="240"/>
        <source>Komisi {0}</source>
        <translation>Commission {0}</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="245"/>
        <source>Bonus ({0} peserta baru atau lebih)</source>
        <translation>Bonus ({0} or more new participants)</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="249"/>
        <source>Jumlah komisi dan bonus</source>
        <translation>Commission and bonus</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="253"/>
        <source>Bagian lembaga {0}</source>
        <translation>Institution&apos;s share {0}</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="256"/>
        <source>Bagian agen</source>
        <translation>Agent&apos;s share</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="257"/>
        <source>Skema berlaku sejak {0}.</source>
        <translation>Scheme in force since {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="259"/>
        <source>Angka skema belum dikonfirmasi BPJS Ketenagakerjaan.</source>
        <translation>The scheme&apos;s figures are not yet confirmed by BPJS Ketenagakerjaan.</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/summary/page.py" line="243"/>
        <source>Ringkasan loket</source>
        <translation>Counter summary</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="247"/>
        <source>Muat ulang (Ctrl+R)</source>
        <translation>Reload (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="258"/>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="259"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="260"/>
        <source>Belum diunggah</source>
        <translation>Not uploaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="261"/>
        <source>Ditolak server, belum selesai</source>
        <translation>Refused upstream, not settled</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="268"/>
        <source>Uang bersih per hari, 30 hari terakhir</source>
        <translation>Net money per day, last 30 days</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="275"/>
        <source>Agen Perisai bulan ini</source>
        <translation>Perisai agents this month</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="280"/>
        <source>Belum ada agen bulan ini.</source>
        <translation>No agent this month yet.</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="291"/>
        <source>&amp;Hari ini</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="292"/>
        <source>&amp;Bulan ini</source>
        <translation>This &amp;month</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="297"/>
        <source>Bersih: uang diterima dikurangi yang dibatalkan dan uang keluar (pengembalian iuran, pembayaran jaminan). Arahkan tetikus ke batang untuk rinciannya.</source>
        <translation>Net: money taken less what was voided and money paid out (refunds, benefit payments). Point at a bar for its details.</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="352"/>
        <source>per {0} {1}</source>
        <translation>as of {0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="354"/>
        <source>{0} transaksi</source>
        <translation>{0} transactions</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="356"/>
        <source> · {0} dibatalkan</source>
        <translation> · {0} voided</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="360"/>
        <source>Semua sudah terkirim.</source>
        <translation>Everything is uploaded.</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="365"/>
        <source>tertua: {0}</source>
        <translation>oldest: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="370"/>
        <source>lihat Karantina (F11)</source>
        <translation>see Quarantine (F11)</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="373"/>
        <source>{0} sudah dikembalikan</source>
        <translation>{0} given back</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="375"/>
        <source>Tidak ada.</source>
        <translation>None.</translation>
    </message>
</context>
<context>
    <name>SupervisorApproval</name>
    <message>
        <location filename="../../ui/approval.py" line="63"/>
        <source>Persetujuan supervisor</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="77"/>
        <source>ID super&amp;visor</source>
        <translation>Super&amp;visor ID</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="79"/>
        <source>P&amp;IN supervisor</source>
        <translation>Supervisor P&amp;IN</translation>
    </message>
    <message>
        <location filename="../../ui/claim/waiting.py" line="35"/>
        <source>Masa tunggu sudah selesai ({0}).</source>
        <translation>The waiting period is over ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/claim/waiting.py" line="36"/>
        <source>Masa tunggu belum selesai: berakhir {0}. Perlu persetujuan supervisor.</source>
        <translation>The waiting period is not over: it ends {0}. A supervisor&apos;s approval is needed.</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="205"/>
        <source>Supervisor pertama</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="208"/>
        <source>Supervisor ini masuk pertama kali, lalu menambah teller dan supervisor lain di Pengaturan.</source>
        <translation>This supervisor logs in first, then adds the tellers and other supervisors in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="213"/>
        <source>mis. spv01</source>
        <translation>e.g. spv01</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="217"/>
        <source>&amp;ID pengguna</source>
        <translation>User &amp;ID</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="218"/>
        <source>Nama &amp;lengkap</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="221"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="223"/>
        <source>6-8 angka, bukan angka sama atau berurutan.</source>
        <translation>6-8 digits, not all the same or consecutive.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="225"/>
        <source>&amp;Ulangi PIN</source>
        <translation>PIN a&amp;gain</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="238"/>
        <source>PIN yang diulang tidak sama. Ketik lagi.</source>
        <translation>The PIN typed again does not match. Type it again.</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../../ui/contribution/tender.py" line="42"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="44"/>
        <source>Debit rekening</source>
        <translation>Account debit</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="56"/>
        <source>kosong = uang pas</source>
        <translation>empty = exact amount</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="60"/>
        <source>6-20 angka</source>
        <translation>6-20 digits</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="62"/>
        <source>dari struk EDC / bukti debit bank</source>
        <translation>from the EDC slip / the bank&apos;s debit record</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="72"/>
        <source>Cara ba&amp;yar</source>
        <translation>Pa&amp;yment method</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="73"/>
        <source>Uang &amp;diterima</source>
        <translation>Cash &amp;received</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="75"/>
        <source>No. r&amp;ekening</source>
        <translation>Acco&amp;unt number</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="78"/>
        <source>Ref. debi&amp;t</source>
        <translation>Debi&amp;t reference</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="126"/>
        <source>Kembalian: —</source>
        <translation>Change: —</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="129"/>
        <source>Tulis jumlah rupiah, mis. 50.000</source>
        <translation>Type an amount in rupiah, e.g. 50.000</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="132"/>
        <source>Kurang {0}</source>
        <translation>Short by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/tender.py" line="135"/>
        <source>Kembalian: {0}</source>
        <translation>Change: {0}</translation>
    </message>
</context>
<context>
    <name>UnverifiedPaymentDialog</name>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="79"/>
        <source>Iuran tanpa verifikasi</source>
        <translation>Contribution without verification</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="85"/>
        <source>Server pusat tidak dapat dihubungi dan NIK {0} belum dikenal di loket ini. Iuran tetap dapat diterima: cocokkan nama dan tanggal lahir dengan KTP peserta. Tanda terimanya bertuliskan “Menunggu verifikasi BPJS Ketenagakerjaan”; bila BPJS menolaknya, iuran dikembalikan.</source>
        <translation>The upstream cannot be reached and NIK {0} is not known at this counter. The contribution can still be taken: check the name and birth date against the participant&apos;s ID card. Its receipt says “Menunggu verifikasi BPJS Ketenagakerjaan” (awaiting verification); if BPJS refuses it, the contribution is refunded.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="98"/>
        <source>seperti tertulis di KTP</source>
        <translation>as written on the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="99"/>
        <source>HH/BB/TTTT</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="107"/>
        <source>— pilih tingkat penghasilan —</source>
        <translation>— choose the income tier —</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="110"/>
        <source>JHT (pilihan; JKK dan JKM wajib)</source>
        <translation>JHT (optional; JKK and JKM required)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="115"/>
        <source>{0} bulan</source>
        <translation>{0} months</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="123"/>
        <source>uang diterima (tunai)</source>
        <translation>cash handed over</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="134"/>
        <source>Nama &amp;lengkap</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="135"/>
        <source>Tanggal la&amp;hir</source>
        <translation>Birth &amp;date</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="136"/>
        <source>&amp;Penghasilan per bulan</source>
        <translation>Monthly &amp;income</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="137"/>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;grams</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="138"/>
        <source>&amp;Jumlah bulan</source>
        <translation>Number of &amp;months</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="139"/>
        <source>Periode &amp;awal</source>
        <translation>&amp;First month</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="140"/>
        <source>&amp;Uang diterima</source>
        <translation>Cash &amp;given</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="159"/>
        <source>Terima iuran (Ctrl+S)</source>
        <translation>Take the payment (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="161"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="177"/>
        <source>Pilih tingkat penghasilan untuk melihat jumlah iuran.</source>
        <translation>Choose the income tier to see the contribution due.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="179"/>
        <source>Jumlah iuran: {0}</source>
        <translation>Contribution due: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="208"/>
        <source>Uang diterima harus jumlah rupiah, mis. 50.000.</source>
        <translation>Cash given must be an amount of rupiah, e.g. 50.000.</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="233"/>
        <source>Terima pembayaran tunai</source>
        <translation>Take cash payment</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="234"/>
        <source>Terima pembayaran tunai?</source>
        <translation>Take this cash payment?</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="236"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="237"/>
        <source>Uang diterima</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="238"/>
        <source>Kembalian</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/unverified.py" line="240"/>
        <source>Terima dan simpan (Enter)</source>
        <translation>Take and save (Enter)</translation>
    </message>
</context>
<context>
    <name>UserActionDialog</name>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="61"/>
        <location filename="../../ui/settings/user_actions.py" line="107"/>
        <source>Reset PIN</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="62"/>
        <source>Buka kunci pengguna</source>
        <translation>Unlock user</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="63"/>
        <source>Nonaktifkan pengguna</source>
        <translation>Deactivate user</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="68"/>
        <source>Pengguna: {0} ({1})</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="74"/>
        <source>PIN baru: 6-8 angka. Kunci karena PIN salah ikut dibuka. Beri tahu PIN baru secara langsung.</source>
        <translation>New PIN: 6-8 digits. A lock after wrong PINs is lifted too. Tell them the new PIN in person.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="77"/>
        <source>Pengguna dapat mencoba PIN-nya lagi, 5 kali.</source>
        <translation>The user can try their PIN again, 5 times.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="79"/>
        <source>Pengguna ini tidak dapat masuk lagi. Transaksi yang sudah dicatatnya tetap tersimpan.</source>
        <translation>This user can no longer log in. The transactions they recorded stay stored.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="94"/>
        <source>PIN &amp;baru</source>
        <translation>&amp;New PIN</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="95"/>
        <source>&amp;Ulangi PIN baru</source>
        <translation>New PIN &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="108"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="109"/>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="115"/>
        <source>Batal (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/user_actions.py" line="150"/>
        <source>PIN yang diulang tidak sama. Ketik lagi.</source>
        <translation>The PIN typed again does not match. Type it again.</translation>
    </message>
</context>
<context>
    <name>UsersBox</name>
    <message>
        <location filename="../../ui/settings/users.py" line="40"/>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>ID pengguna</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="48"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="60"/>
        <source>&amp;Tambah pengguna…</source>
        <translation>A&amp;dd user…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="63"/>
        <source>Reset P&amp;IN…</source>
        <translation>Reset P&amp;IN…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="65"/>
        <source>B&amp;uka kunci…</source>
        <translation>&amp;Unlock…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="67"/>
        <source>N&amp;onaktifkan…</source>
        <translation>D&amp;eactivate…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="81"/>
        <source>Reset PIN, buka kunci dan nonaktifkan: pilih pengguna, lalu supervisor mengisi ID dan PIN-nya. Untuk PIN Anda sendiri: Ganti PIN (Ctrl+Shift+P).</source>
        <translation>Reset PIN, unlock and deactivate: choose a user, then a supervisor enters their ID and PIN. For your own PIN: Change PIN (Ctrl+Shift+P).</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="119"/>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="123"/>
        <source>Terkunci sampai {0}</source>
        <translation>Locked until {0}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="124"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="178"/>
        <source>Pengguna {0} ({1}) ditambahkan.</source>
        <translation>User {0} ({1}) added.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="183"/>
        <source>PIN {0} ({1}) sudah diganti. Beri tahu PIN baru secara langsung.</source>
        <translation>The PIN of {0} ({1}) has been reset. Tell them the new PIN in person.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="185"/>
        <source>{0} ({1}) tidak terkunci lagi.</source>
        <translation>{0} ({1}) is no longer locked.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/users.py" line="186"/>
        <source>{0} ({1}) dinonaktifkan.</source>
        <translation>{0} ({1}) deactivated.</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../ui/visit/page.py" line="102"/>
        <source>Kunjungan agen Perisai (bayar kolektif)</source>
        <translation>Perisai agent&apos;s visit (collective payment)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="105"/>
        <source>Ctrl+O buka berkas agen (CSV/XLSX) · F2 ubah sel, Enter periksa lagi · Delete hapus baris · Alt+K kode agen · Ctrl+Enter bayar semua · Ctrl+P cetak lagi · Ctrl+Shift+S simpan PDF · Ctrl+N kunjungan baru</source>
        <translation>Ctrl+O open the agent&apos;s file (CSV/XLSX) · F2 edit a cell, Enter checks again · Delete drops a row · Alt+K agent code · Ctrl+Enter pay all · Ctrl+P print again · Ctrl+Shift+S save PDF · Ctrl+N new visit</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="115"/>
        <source>&amp;Buka berkas agen…</source>
        <translation>&amp;Open the agent&apos;s file…</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="128"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="129"/>
        <source>NIK/KPJ</source>
        <translation>NIK/KPJ</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="130"/>
        <source>Bulan</source>
        <translation>Months</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="131"/>
        <source>Penghasilan</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="132"/>
        <source>Program</source>
        <translation>Programs</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="133"/>
        <source>Periode awal</source>
        <translation>First month</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="134"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="135"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="136"/>
        <source>Keputusan</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="166"/>
        <source>wajib · ketik kode, nama atau lembaga</source>
        <translation>required · type a code, name or institution</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="169"/>
        <source>&amp;Kode agen</source>
        <translation>Agent &amp;code</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="175"/>
        <source>Bayar &amp;semua (Ctrl+Enter)</source>
        <translation>Pay &amp;all (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="213"/>
        <source>Berkas agen</source>
        <translation>Agent&apos;s file</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="215"/>
        <source>Berkas agen (*.csv *.xlsx);;Semua berkas (*)</source>
        <translation>Agent&apos;s files (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="331"/>
        <source>Dibayar: {0}</source>
        <translation>Paid: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="333"/>
        <source>Diterima</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="339"/>
        <source>Ditolak [{0}]: {1}</source>
        <translation>Refused [{0}]: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="350"/>
        <source>Belum ada berkas agen.</source>
        <translation>No agent&apos;s file yet.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="354"/>
        <source>Memeriksa {0} baris…</source>
        <translation>Checking {0} rows…</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="360"/>
        <source>{0} diterima · {1} ditolak · Total {2}</source>
        <translation>{0} accepted · {1} refused · Total {2}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="374"/>
        <source>Buka berkas agen dan tunggu pemeriksaannya.</source>
        <translation>Open the agent&apos;s file and wait for its check.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="380"/>
        <source>Perbaiki atau hapus dulu baris yang ditolak: {0}.</source>
        <translation>First fix or drop the refused rows: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="422"/>
        <source>Konfirmasi tunai</source>
        <translation>Confirm cash</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="424"/>
        <source>Total {0}
Diterima {1}
Kembalian {2}

Simpan {3} pembayaran?</source>
        <translation>Total {0}
Received {1}
Change {2}

Save {3} payments?</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="431"/>
        <source>Ya, bayar</source>
        <translation>Yes, pay</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="432"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="459"/>
        <source>Tersimpan {0} pembayaran, total {1}.</source>
        <translation>Saved {0} payments, total {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="463"/>
        <source>Kembalian {0}.</source>
        <translation>Change {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="465"/>
        <source>{0} baris TIDAK dibayar; lihat kolom keputusan.</source>
        <translation>{0} rows NOT paid; see the verdict column.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="499"/>
        <source>Simpan tanda terima kunjungan sebagai PDF</source>
        <translation>Save the visit&apos;s receipts as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="501"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="507"/>
        <source>Disimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="517"/>
        <source>Tanda terima peserta dan tanda terima kolektif dicetak di {0}.</source>
        <translation>The participants&apos; receipts and the collective receipt were printed on {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/visit/page.py" line="525"/>
        <source>Pembayaran SUDAH tersimpan, tetapi tanda terima gagal dicetak: {0}</source>
        <translation>The payments ARE saved, but the receipts failed to print: {0}</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="39"/>
        <source>Batalkan transaksi</source>
        <translation>Void transaction</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="40"/>
        <source>Batalkan transaksi {0}</source>
        <translation>Void transaction {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="43"/>
        <source>Transaksi tidak dihapus: dicatat bukti pembatalan baru yang menunjuk ke transaksi ini. Perlu persetujuan supervisor lain.</source>
        <translation>The transaction is not deleted: a new void record pointing to it is recorded. Another supervisor&apos;s approval is needed.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="46"/>
        <source>Batalkan transaksi (Enter)</source>
        <translation>Void transaction (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="47"/>
        <source>&amp;Alasan</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="49"/>
        <source>mis. Salah input nominal</source>
        <translation>e.g. Wrong amount entered</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="66"/>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="68"/>
        <source>Transaksi</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location filename="../../ui/journal/void_dialog.py" line="71"/>
        <source>Uang dikembalikan</source>
        <translation>Money handed back</translation>
    </message>
</context>
<context>
    <name>agents</name>
    <message>
        <location filename="../../ui/agents/page.py" line="84"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="84"/>
        <source>tidak aktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="92"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="93"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="94"/>
        <source>Lembaga</source>
        <translation>Institution</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="95"/>
        <source>Jenis lembaga</source>
        <translation>Institution kind</translation>
    </message>
    <message>
        <location filename="../../ui/agents/page.py" line="96"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>claims</name>
    <message>
        <location filename="../../ui/claims/page.py" line="61"/>
        <source>Belum terkirim</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="62"/>
        <source>Ditolak saat unggah</source>
        <translation>Refused at upload</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="63"/>
        <source>Dibatalkan</source>
        <translation>Voided</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="64"/>
        <source>Menunggu keputusan</source>
        <translation>Awaiting the decision</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="65"/>
        <source>Diverifikasi</source>
        <translation>Under verification</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="66"/>
        <source>Disetujui, menunggu dibayar</source>
        <translation>Approved, waiting to be paid</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="67"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="68"/>
        <source>Dibayar</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="87"/>
        <source>No. tanda terima</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="88"/>
        <source>Peserta</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="89"/>
        <source>Alasan klaim</source>
        <translation>Claim reason</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="90"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="91"/>
        <source>Bruto</source>
        <translation>Gross</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="92"/>
        <source>Pajak</source>
        <translation>Tax</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="93"/>
        <source>Neto</source>
        <translation>Net</translation>
    </message>
    <message>
        <location filename="../../ui/claims/page.py" line="94"/>
        <source>Alasan penolakan</source>
        <translation>Reason for rejection</translation>
    </message>
</context>
<context>
    <name>confirm</name>
    <message>
        <location filename="../../ui/confirm.py" line="106"/>
        <source>Kembali (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="166"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="187"/>
        <source>Kosongkan formulir</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="188"/>
        <source>Isian formulir ini akan dihapus. Kosongkan?</source>
        <translation>What was typed in this form will be thrown away. Clear it?</translation>
    </message>
    <message>
        <location filename="../../ui/confirm.py" line="189"/>
        <source>Kosongkan (Enter)</source>
        <translation>Clear (Enter)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>Kesalahan program</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="43"/>
        <source>Terjadi kesalahan di dalam program. Tindakan terakhir dibatalkan tanpa menyimpan apa pun; data yang sudah tersimpan tetap aman.
Salin detail di bawah dan kirimkan ke IT bank.</source>
        <translation>An error occurred inside the program. The last action was cancelled without saving anything; data already saved is safe.
Copy the details below and send them to the bank&apos;s IT.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>Salin detail</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="57"/>
        <location filename="../../ui/errors.py" line="78"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>SPO Counter</source>
        <translation>SPO Counter</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <location filename="../../ui/journal/model.py" line="77"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="78"/>
        <source>No. tanda terima</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="79"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="80"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="81"/>
        <source>NIK / KPJ</source>
        <translation>NIK / KPJ</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="82"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="83"/>
        <source>Bayar</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="84"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="85"/>
        <source>Unggah</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="86"/>
        <source>Dicetak</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="92"/>
        <source>Pendaftaran</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="94"/>
        <source>Iuran BPU</source>
        <translation>BPU contribution</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="94"/>
        <source>Iuran PU</source>
        <translation>PU contribution</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="96"/>
        <source>Klaim JHT</source>
        <translation>JHT claim</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="98"/>
        <source>Pembatalan</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="100"/>
        <source>Pengembalian iuran</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="102"/>
        <source>Pembayaran JHT</source>
        <translation>JHT payout</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="110"/>
        <location filename="../../ui/journal/model.py" line="123"/>
        <source>KPJ {0}</source>
        <translation>KPJ {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="114"/>
        <source>NPP {0}</source>
        <translation>NPP {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="121"/>
        <source>NIK {0}</source>
        <translation>NIK {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="139"/>
        <source>Debit · ref {0}</source>
        <translation>Debit · ref {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="140"/>
        <source>Debit</source>
        <translation>Debit</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="140"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="145"/>
        <source>Dibatalkan ({0})</source>
        <translation>Voided ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="147"/>
        <location filename="../../ui/journal/model.py" line="382"/>
        <source>Membatalkan {0}</source>
        <translation>Voids {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="149"/>
        <source>Dikembalikan ({0})</source>
        <translation>Refunded ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="151"/>
        <source>Mengembalikan {0}</source>
        <translation>Refunds {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="152"/>
        <source>Sah</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="157"/>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="158"/>
        <source>Terkirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="159"/>
        <source>Karantina</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="165"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="165"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="175"/>
        <source>Belum ada transaksi</source>
        <translation>No transactions yet</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="175"/>
        <source>Tidak ada transaksi yang cocok</source>
        <translation>No matching transactions</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="176"/>
        <source>{0} transaksi</source>
        <translation>{0} transaction(s)</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="177"/>
        <source>{0}, menghitung…</source>
        <translation>{0}, counting…</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="378"/>
        <source>Dibatalkan dengan {0}</source>
        <translation>Voided by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/journal/model.py" line="380"/>
        <source>Dikembalikan dengan {0}</source>
        <translation>Refunded by {0}</translation>
    </message>
</context>
<context>
    <name>open_day</name>
    <message>
        <location filename="../../ui/day_close/open_day.py" line="61"/>
        <source>Hari kerja {0} dibuka otomatis oleh transaksi ini dengan modal awal Rp0. Modal awal di laci dapat dicatat di halaman Tutup hari (Hitung modal awal).</source>
        <translation>Business day {0} was opened automatically by this transaction with a float of Rp0. The opening float can be recorded on the Day close page (Count the opening float).</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../ui/window/pages.py" line="27"/>
        <source>Pendaftaran</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="32"/>
        <source>Iuran</source>
        <translation>Contributions</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="37"/>
        <source>Kolektif</source>
        <translation>Collective</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="42"/>
        <source>Klaim</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="47"/>
        <source>Jurnal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="52"/>
        <source>Cek peserta</source>
        <translation>Look-up</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="57"/>
        <source>Status klaim</source>
        <translation>Claim status</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="62"/>
        <source>Agen</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="67"/>
        <source>Tutup hari</source>
        <translation>Day close</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="72"/>
        <source>Ringkasan</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="78"/>
        <source>Karantina</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/window/pages.py" line="83"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <location filename="../../ui/setup_wizard.py" line="69"/>
        <source>Gulungan 80 mm (printer termal)</source>
        <translation>80 mm roll (thermal printer)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="70"/>
        <source>Kertas A5, satu salinan</source>
        <translation>A5 paper, one copy</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard.py" line="71"/>
        <source>Kertas A4, dua salinan (peserta dan bank)</source>
        <translation>A4 paper, two copies (participant and bank)</translation>
    </message>
</context>
<context>
    <name>preview</name>
    <message>
        <location filename="../../ui/receipt/preview.py" line="183"/>
        <source>Menyiapkan tanda terima {0}…</source>
        <translation>Preparing receipt {0}…</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="93"/>
        <source>printer bawaan</source>
        <translation>default printer</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="146"/>
        <source>Halaman {0} tidak dapat digambar.</source>
        <translation>Page {0} cannot be drawn.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="159"/>
        <source>Dokumen tanda terima belum siap.</source>
        <translation>The receipt document is not ready yet.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="164"/>
        <source>Berkas {0} tidak dapat dibuat.</source>
        <translation>The file {0} cannot be created.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="166"/>
        <source>Printer {0} tidak dapat mulai mencetak. Periksa apakah printer menyala, terhubung dan berkertas.</source>
        <translation>Printer {0} cannot start printing. Check that it is switched on, connected and has paper.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="178"/>
        <source>Printer {0} menolak halaman berikutnya.</source>
        <translation>Printer {0} refused the next page.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="183"/>
        <location filename="../../ui/printing.py" line="189"/>
        <source>Printer {0} melaporkan kesalahan.</source>
        <translation>Printer {0} reported an error.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="205"/>
        <source>Dokumen belum siap.</source>
        <translation>The document is not ready.</translation>
    </message>
</context>
<context>
    <name>programs</name>
    <message>
        <location filename="../../ui/contribution/summary.py" line="19"/>
        <source>Kecelakaan Kerja</source>
        <translation>Work Accident</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/summary.py" line="20"/>
        <source>Kematian</source>
        <translation>Death</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/summary.py" line="21"/>
        <source>Hari Tua</source>
        <translation>Old Age</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/summary.py" line="22"/>
        <source>Pensiun</source>
        <translation>Pension</translation>
    </message>
    <message>
        <location filename="../../ui/contribution/summary.py" line="23"/>
        <source>Kehilangan Pekerjaan</source>
        <translation>Job Loss</translation>
    </message>
</context>
<context>
    <name>quarantine</name>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="49"/>
        <source>Pendaftaran</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="50"/>
        <source>Iuran</source>
        <translation>Contribution</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="51"/>
        <source>Klaim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="52"/>
        <source>Pembatalan</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="53"/>
        <source>Pengembalian iuran</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="54"/>
        <source>Pembayaran JHT</source>
        <translation>JHT payout</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="64"/>
        <source>No. tanda terima</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="65"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="66"/>
        <source>Jumlah</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="67"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="68"/>
        <source>Alasan penolakan</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location filename="../../ui/upload/quarantine.py" line="69"/>
        <source>Dikembalikan</source>
        <translation>Refunded by</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../ui/settings/add_user.py" line="35"/>
        <source>Teller</source>
        <translation>Teller</translation>
    </message>
    <message>
        <location filename="../../ui/settings/add_user.py" line="36"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../ui/window/status_bar.py" line="27"/>
        <source>kurang dari 1 menit</source>
        <translation>less than 1 minute</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="29"/>
        <source>{0} menit</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="31"/>
        <source>{0} jam</source>
        <translation>{0} hours</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="32"/>
        <source>{0} hari</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="37"/>
        <source>Menunggu unggah: {0}</source>
        <translation>Waiting for upload: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="39"/>
        <source>Menunggu unggah: {0} (tertua {1})</source>
        <translation>Waiting for upload: {0} (oldest {1})</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="44"/>
        <source>Unggah terakhir: belum pernah</source>
        <translation>Last upload: never</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="45"/>
        <source>Unggah terakhir: {0}</source>
        <translation>Last upload: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="54"/>
        <source>LURING sejak {0}</source>
        <translation>OFFLINE since {0}</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="56"/>
        <source>Server pusat: terhubung</source>
        <translation>Upstream: connected</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="74"/>
        <source>Tanggal: {0} {1}</source>
        <translation>Date: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="85"/>
        <source>Supervisor: {0} ({1})</source>
        <translation>Supervisor: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="85"/>
        <source>Teller: {0} ({1})</source>
        <translation>Teller: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="93"/>
        <source>memuat…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <location filename="../../ui/window/status_bar.py" line="100"/>
        <source>Cetak ulang</source>
        <translation>Print again</translation>
    </message>
</context>
<context>
    <name>store_failure</name>
    <message>
        <location filename="../../ui/store_failure.py" line="97"/>
        <source>Data loket bermasalah</source>
        <translation>Counter data problem</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="100"/>
        <source>Data loket tidak dapat dipakai saat ini.</source>
        <translation>The counter&apos;s data cannot be used right now.</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="109"/>
        <source>Cadangan terbaru yang baik: {0}</source>
        <translation>Newest good backup: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="112"/>
        <source>Belum ada cadangan yang dapat ditawarkan di sini. IT bank dapat memulihkan cadangan dengan &apos;spo-counter restore BERKAS&apos; (lihat docs/installing.md).</source>
        <translation>No backup can be offered here yet. The bank&apos;s IT can restore one with &apos;spo-counter restore FILE&apos; (see docs/installing.md).</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="121"/>
        <source>Pulihkan cadangan terbaru yang baik</source>
        <translation>Restore the newest good backup</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="126"/>
        <source>Salin pesan</source>
        <translation>Copy message</translation>
    </message>
    <message>
        <location filename="../../ui/store_failure.py" line="128"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <location filename="../../ui/summary/charts.py" line="32"/>
        <source> M</source>
        <translation> bn</translation>
    </message>
    <message>
        <location filename="../../ui/summary/charts.py" line="34"/>
        <source> jt</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../ui/summary/charts.py" line="36"/>
        <source> rb</source>
        <translation> k</translation>
    </message>
    <message>
        <location filename="../../ui/summary/charts.py" line="67"/>
        <source>Uang bersih 30 hari terakhir</source>
        <translation>Net money, last 30 days</translation>
    </message>
    <message>
        <location filename="../../ui/summary/charts.py" line="145"/>
        <source>{0}: {1} transaksi, bersih {2}</source>
        <translation>{0}: {1} transactions, net {2}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/charts.py" line="173"/>
        <source>Belum ada.</source>
        <translation>None yet.</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="44"/>
        <source>Pendaftaran BPU</source>
        <translation>BPU registrations</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="45"/>
        <source>Iuran BPU</source>
        <translation>BPU contributions</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="46"/>
        <source>Iuran PU</source>
        <translation>PU contributions</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="47"/>
        <source>Berkas klaim JHT</source>
        <translation>JHT claim handovers</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="48"/>
        <source>Pembatalan</source>
        <translation>Voids</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="49"/>
        <source>Pengembalian iuran</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="50"/>
        <source>Pembayaran jaminan JHT</source>
        <translation>JHT benefit payments</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="56"/>
        <source>Debit rekening</source>
        <translation>Account debit</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="56"/>
        <source>Tunai</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="63"/>
        <source>batal {0}: {1}</source>
        <translation>voided {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="67"/>
        <source>batal {0}</source>
        <translation>voided {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="70"/>
        <source>keluar {0}</source>
        <translation>paid out {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="77"/>
        <source>Transaksi: {0}</source>
        <translation>Transactions: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="78"/>
        <source>Diterima: {0}</source>
        <translation>Taken in: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="82"/>
        <source>Dibatalkan: {0} ({1})</source>
        <translation>Voided: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="88"/>
        <source>Keluar: {0} ({1})</source>
        <translation>Paid out: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="92"/>
        <source>Bersih: {0}</source>
        <translation>Net: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="152"/>
        <source>{0} · {1} baru</source>
        <translation>{0} · {1} new</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="154"/>
        <source>{0} peserta baru</source>
        <translation>{0} new participants</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="155"/>
        <source>{0}: {1} peserta baru, {2} pembayaran iuran, terkumpul {3}</source>
        <translation>{0}: {1} new participants, {2} contribution payments, collected {3}</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="203"/>
        <source>Jenis transaksi</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="204"/>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="205"/>
        <source>Cara bayar</source>
        <translation>Tender</translation>
    </message>
    <message>
        <location filename="../../ui/summary/page.py" line="206"/>
        <source>Teller</source>
        <translation>Teller</translation>
    </message>
</context>
<context>
    <name>upload</name>
    <message>
        <location filename="../../ui/upload/bar.py" line="26"/>
        <source>Unggah</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="33"/>
        <source>Unggah sekarang (F9)</source>
        <translation>Upload now (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="35"/>
        <source>Kirim data yang menunggu ke server pusat</source>
        <translation>Send the waiting records to the central server</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="39"/>
        <source>Terkirim %v dari %m</source>
        <translation>Sent %v of %m</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="40"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="62"/>
        <source>Mengunggah…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <location filename="../../ui/upload/bar.py" line="67"/>
        <source>Mengunggah ke server pusat; transaksi tetap bisa dicatat.</source>
        <translation>Uploading to the central server; transactions can still be recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/controller.py" line="59"/>
        <source>Terkirim {0}, ditolak {1}</source>
        <translation>Sent {0}, refused {1}</translation>
    </message>
    <message>
        <location filename="../../ui/upload/controller.py" line="63"/>
        <source>Unggah dibatalkan. {0}; {1} masih menunggu.</source>
        <translation>Upload cancelled. {0}; {1} still waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/controller.py" line="75"/>
        <source>Tutup hari {0} terkonfirmasi server pusat.</source>
        <translation>Day close {0} confirmed by the upstream.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/controller.py" line="267"/>
        <source>Unggah gagal karena kesalahan program ({0}). Data tetap aman di loket.</source>
        <translation>Upload failed because of a program error ({0}). The data stays safe at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/upload/controller.py" line="270"/>
        <source>Unggah dibatalkan. {0}</source>
        <translation>Upload cancelled. {0}</translation>
    </message>
</context>
</TS>
