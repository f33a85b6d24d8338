#!/usr/bin/perl
# A departmental system outside Node: Perl's SOAP::Lite (Debian's libsoap-lite-perl) reads the
# CaseExchange WSDL, signs a WS-Security UsernameToken (PasswordDigest) itself and pushes one
# acceptance record with PushAcceptance. Used by tests/interop/soapLite.test.ts; runnable by hand:
#
#   perl tests/interop/push.pl --wsdl http://localhost:4000/soap/CaseExchange?wsdl \
#     --username dept-610725-police --password dev-only-soap-dept-610725-police \
#     --message-id police-1 --case-number 610725000000TB725005410225000001 \
#     --implementation-code 610725000000TB7250054102 --action ACCEPT \
#     --occurred-at 2025-03-10T09:00:00+08:00 --handler-id P-0012 --handler-name 赵警官
#
# The endpoint, the SOAPAction and the target namespace all come from the WSDL (SOAP::Schema);
# --endpoint overrides the WSDL's soap:address (which is PUBLIC_URL/soap/CaseExchange, so a
# gateway on another port than PUBLIC_URL's needs it). On success it prints the receipt as one
# JSON line and exits 0; a SOAP Fault or transport error goes to stderr with exit 1; bad
# arguments exit 2.
use strict;
use warnings;
use utf8;
use Digest::SHA qw(sha1);
use Encode qw(decode);
use Getopt::Long qw(GetOptions);
use JSON::PP ();
use MIME::Base64 qw(encode_base64);
use POSIX qw(strftime);
use SOAP::Lite;

use constant WSSE => 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
use constant WSU => 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
use constant PASSWORD_DIGEST => 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
use constant BASE64_BINARY => 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

my %opt = (operation => 'PushAcceptance', action => 'ACCEPT');
GetOptions(\%opt, 'wsdl=s', 'endpoint=s', 'username=s', 'password=s', 'operation=s', 'message-id=s', 'case-number=s',
  'implementation-code=s', 'action=s', 'occurred-at=s', 'handler-id=s', 'handler-name=s', 'opinion=s', 'trace')
  or usage();
for my $required (qw(wsdl username password message-id case-number implementation-code action occurred-at handler-id handler-name)) {
  usage("--$required is required") unless defined $opt{$required} && length $opt{$required};
}
# Command-line arguments arrive as UTF-8 bytes; SOAP::Lite serializes character strings.
$_ = decode('UTF-8', $_) for grep { defined } values %opt;

sub usage {
  my ($why) = @_;
  print STDERR "push.pl: $why\n" if $why;
  print STDERR "usage: perl push.pl --wsdl URL --username ID --password SECRET --message-id ID --case-number N "
    . "--implementation-code C --action ACCEPT --occurred-at DATETIME --handler-id ID --handler-name NAME [--endpoint URL] [--opinion TEXT]\n";
  exit 2;
}

# --- the WSDL, read by SOAP::Lite's own WSDL reader --------------------------------------------
my $schema = eval { SOAP::Schema->schema_url($opt{wsdl})->parse };
if (!$schema) {
  print STDERR "push.pl: cannot read the WSDL at $opt{wsdl}: " . ($@ || 'no services') . "\n";
  exit 1;
}
my ($method) = grep { defined } map { $_->{$opt{operation}} } values %{ $schema->services };
if (!$method) {
  print STDERR "push.pl: the WSDL has no operation $opt{operation}\n";
  exit 1;
}
my $text = sub { my ($value) = @_; ref $value ? $value->value : $value };
my $namespace = $method->{namespace};
my $soap_action = $text->($method->{soapaction});
my $endpoint = $opt{endpoint} // $text->($method->{endpoint});
print STDERR "push.pl: $opt{operation} at $endpoint, SOAPAction \"$soap_action\", namespace $namespace\n" if $opt{trace};

# --- WS-Security UsernameToken, PasswordDigest = Base64(SHA-1(nonce + created + password)) ----
my $nonce = '';
if (open my $random, '<:raw', '/dev/urandom') {
  read($random, $nonce, 16) == 16 or die "push.pl: short read from /dev/urandom\n";
  close $random;
} else {
  $nonce = pack('C*', map { int rand 256 } 1 .. 16);
}
my $created = strftime('%Y-%m-%dT%H:%M:%SZ', gmtime);
my $digest = encode_base64(sha1($nonce . $created . Encode::encode('UTF-8', $opt{password})), '');

my $security = SOAP::Header->name('Security')->prefix('wsse')->uri(WSSE)->mustUnderstand(1)->value(
  \SOAP::Data->name('UsernameToken')->prefix('wsse')->value(
    \SOAP::Data->value(
      SOAP::Data->name('Username')->prefix('wsse')->value($opt{username}),
      SOAP::Data->name('Password')->prefix('wsse')->attr({ Type => PASSWORD_DIGEST })->value($digest),
      SOAP::Data->name('Nonce')->prefix('wsse')->attr({ EncodingType => BASE64_BINARY })->value(encode_base64($nonce, '')),
      SOAP::Data->name('Created')->prefix('wsu')->uri(WSU)->value($created),
    )
  )
);

# --- the record, document/literal: every element qualified in the WSDL's target namespace ------
my $field = sub { my ($name, $value) = @_; SOAP::Data->name($name)->prefix('ce')->value($value) };
my @record = (
  $field->(MessageId => $opt{'message-id'}),
  $field->(CaseNumber => $opt{'case-number'}),
  $field->(ImplementationCode => $opt{'implementation-code'}),
  $field->(Action => $opt{action}),
  $field->(OccurredAt => $opt{'occurred-at'}),
  $field->(Handler => \SOAP::Data->value($field->(Id => $opt{'handler-id'}), $field->(Name => $opt{'handler-name'}))),
  (defined $opt{opinion} ? $field->(Opinion => $opt{opinion}) : ()),
);

my $client = SOAP::Lite->new(proxy => $endpoint);
$client->ns($namespace, 'ce');
$client->autotype(0);                 # literal: no xsi:type on the elements
$client->serializer->encodingStyle(''); # document/literal, not SOAP encoding
$client->readable(0);
$client->on_action(sub { qq("$soap_action") });
$client->on_fault(sub { my ($soap, $response) = @_; return ref $response ? $response : die(\$soap->transport->status) });
$client->transport->timeout(30);
if ($opt{trace}) {
  $client->transport->add_handler(request_send => sub { print STDERR $_[0]->as_string, "\n"; return });
}

my $som = eval { $client->call(SOAP::Data->name($opt{operation})->prefix('ce') => @record, $security) };
if (!$som) {
  my $error = $@;
  $error = $$error if ref $error eq 'SCALAR';
  print STDERR "push.pl: transport error: " . ($error || $client->transport->status) . "\n";
  exit 1;
}
if ($som->fault) {
  my $detail = $som->faultdetail;
  my $field_name = ref $detail eq 'HASH' && ref $detail->{FaultDetail} eq 'HASH' ? $detail->{FaultDetail}{Field} : undef;
  print STDERR 'push.pl: SOAP Fault ' . $som->faultcode . ': ' . $som->faultstring . (defined $field_name ? " (field $field_name)" : '') . "\n";
  exit 1;
}
my $receipt = $som->body->{ $opt{operation} . 'Response' };
if (ref $receipt ne 'HASH' || !$receipt->{ReceiptNumber}) {
  print STDERR "push.pl: the answer carries no receipt: " . $client->transport->http_response->decoded_content . "\n";
  exit 1;
}
print JSON::PP->new->canonical->encode({
  messageId => $receipt->{MessageId},
  receiptNumber => $receipt->{ReceiptNumber},
  status => $receipt->{Status},
  (defined $receipt->{CaseVersion} ? (caseVersion => 0 + $receipt->{CaseVersion}) : ()),
}), "\n";
exit 0;
