/**
 * Word lists the generator draws names, places and browsers from. The user agents,
 * metro areas and artist places are the kinds of values the public Sparkify sample
 * carries (Chrome agents there are wrapped in literal double quotes, Firefox and IE
 * ones are not: we keep that quirk). Accented words, `/`, `;`, `&` and quotes are
 * here on purpose: they exercise \uXXXX escapes, escaped slashes and string quoting.
 */

const list = (text: string): readonly string[] => text.split('|');

export const FEMALE_FIRST_NAMES = list(
  'Kaylee|Lily|Jacqueline|Chloe|Tegan|Kate|Layla|Aleena|Jayden|Stefany|Sara|Ava|Jizelle|Rylan|Anabelle|Cecilia|' +
    'Hannah|Morgan|Mia|Katherine|Lucero|Brooklyn|Sienna|Jessica|Olivia|Emily|Madison|Avery|Harper|Evelyn|Abigail|' +
    'Ella|Scarlett|Grace|Zoey|Nora|Riley|Victoria|Aubrey|Penelope|Camila|Stella|Natalie|Zoë|Renée|Chloé|Inés',
);

export const MALE_FIRST_NAMES = list(
  'Walter|Ryan|Adler|Tucker|Wyatt|Theodore|Lucas|Aiden|Jordan|Kevin|Sean|Dylan|Braden|Jaleel|Connar|' +
    'Liam|Noah|Mason|Ethan|Logan|Owen|Caleb|Gabriel|Isaac|Julian|Levi|Mateo|Nathan|Samuel|Zachary|Elijah|' +
    'Carter|Hunter|Cooper|Miles|Austin|Jaxon|Xavier|Dominic|José|André|Jonás',
);

export const LAST_NAMES = list(
  'Frye|Summers|Koch|Lynch|Cruz|Harrell|Levine|Rodriguez|Johnson|Smith|Williams|Brown|Jones|Garcia|Miller|Davis|' +
    'Martinez|Hernandez|Lopez|Gonzalez|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Perez|Thompson|' +
    'White|Harris|Sanchez|Clark|Ramirez|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Torres|Nguyen|Hill|' +
    "Flores|Green|Adams|Nelson|Baker|Hall|Rivera|Campbell|Mitchell|Carter|Roberts|O'Connor|Muñoz|Peña|Schäfer",
);

/** Metropolitan areas in the style of the sample's `location` field. */
export const USER_LOCATIONS = list(
  'San Francisco-Oakland-Hayward, CA|Portland-South Portland, ME|Lansing-East Lansing, MI|' +
    'Chicago-Naperville-Elgin, IL-IN-WI|Atlanta-Sandy Springs-Roswell, GA|Waterloo-Cedar Falls, IA|' +
    'Lake Havasu City-Kingman, AZ|San Jose-Sunnyvale-Santa Clara, CA|Tampa-St. Petersburg-Clearwater, FL|' +
    'New York-Newark-Jersey City, NY-NJ-PA|Sacramento--Roseville--Arden-Arcade, CA|Janesville-Beloit, WI|' +
    'Birmingham-Hoover, AL|Winston-Salem, NC|Red Bluff, CA|Marinette, WI-MI|Augusta-Richmond County, GA-SC|' +
    'Houston-The Woodlands-Sugar Land, TX|Detroit-Warren-Dearborn, MI|New Orleans-Metairie, LA|' +
    'New Haven-Milford, CT|La Crosse-Onalaska, WI-MN|San Antonio-New Braunfels, TX|Harrisburg-Carlisle, PA|' +
    'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD|Washington-Arlington-Alexandria, DC-VA-MD-WV|Salinas, CA|' +
    'Phoenix-Mesa-Scottsdale, AZ|Lubbock, TX|Eugene, OR|Palestine, TX|' +
    'Nashville-Davidson--Murfreesboro--Franklin, TN|Columbia, SC|Yuba City, CA|Eureka-Arcata-Fortuna, CA|' +
    'Dallas-Fort Worth-Arlington, TX|Santa Rosa, CA|Minneapolis-St. Paul-Bloomington, MN-WI|' +
    'Seattle-Tacoma-Bellevue, WA|Klamath Falls, OR|St. Louis, MO-IL|Longview, TX|Indianapolis-Carmel-Anderson, IN|' +
    'Richmond, VA|Plymouth, IN|Oxnard-Thousand Oaks-Ventura, CA|Milwaukee-Waukesha-West Allis, WI|' +
    'Los Angeles-Long Beach-Anaheim, CA|Cedar Rapids, IA|Youngstown-Warren-Boardman, OH-PA|Ogden-Clearfield, UT|' +
    'Portland-Vancouver-Hillsboro, OR-WA|Parkersburg-Vienna, WV|San Diego-Carlsbad, CA|Salt Lake City, UT|' +
    'Las Cruces, NM|Raleigh, NC|London, KY|Pensacola-Ferry Pass-Brent, FL|Elkhart-Goshen, IN|Saginaw, MI|' +
    'Miami-Fort Lauderdale-West Palm Beach, FL|Myrtle Beach-Conway-North Myrtle Beach, SC-NC',
);

const chrome = (platform: string, webkit: string, tail: string): string =>
  `"Mozilla/5.0 (${platform}) AppleWebKit/${webkit} (KHTML, like Gecko) ${tail}"`;

/** Browsers, most popular first (the generator picks them with a skew). */
export const USER_AGENTS: readonly string[] = [
  chrome('Macintosh; Intel Mac OS X 10_9_4', '537.36', 'Chrome/36.0.1985.143 Safari/537.36'),
  'Mozilla/5.0 (Windows NT 5.1; rv:31.0) Gecko/20100101 Firefox/31.0',
  chrome('X11; Linux x86_64', '537.36', 'Chrome/37.0.2062.94 Safari/537.36'),
  chrome('Macintosh; Intel Mac OS X 10_9_4', '537.78.2', 'Version/7.0.6 Safari/537.78.2'),
  chrome('X11; Linux x86_64', '537.36', 'Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36'),
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:31.0) Gecko/20100101 Firefox/31.0',
  chrome('Windows NT 6.1; WOW64', '537.36', 'Chrome/36.0.1985.125 Safari/537.36'),
  chrome('Windows NT 5.1', '537.36', 'Chrome/36.0.1985.143 Safari/537.36'),
  chrome('Macintosh; Intel Mac OS X 10_9_4', '537.77.4', 'Version/7.0.5 Safari/537.77.4'),
  chrome('iPhone; CPU iPhone OS 7_1_2 like Mac OS X', '537.51.2', 'Version/7.0 Mobile/11D257 Safari/9537.53'),
  chrome('Macintosh; Intel Mac OS X 10_10_0', '537.36', 'Chrome/36.0.1985.143 Safari/537.36'),
  'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0',
  chrome('Windows NT 6.3; WOW64', '537.36', 'Chrome/36.0.1985.143 Safari/537.36'),
  chrome('Windows NT 6.3; WOW64', '537.36', 'Chrome/36.0.1985.125 Safari/537.36'),
  chrome('Macintosh; Intel Mac OS X 10_9_3', '537.36', 'Chrome/37.0.2062.94 Safari/537.36'),
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.9; rv:30.0) Gecko/20100101 Firefox/30.0',
  chrome('Macintosh; Intel Mac OS X 10_9_4', '537.36', 'Chrome/37.0.2062.94 Safari/537.36'),
  chrome('Macintosh; Intel Mac OS X 10_9_4', '537.36', 'Chrome/36.0.1985.125 Safari/537.36'),
  chrome('Windows NT 6.1; WOW64', '537.36', 'Chrome/35.0.1916.153 Safari/537.36'),
  'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
  chrome('Windows NT 6.1; WOW64', '537.36', 'Chrome/37.0.2062.103 Safari/537.36'),
  chrome('Macintosh; Intel Mac OS X 10_10', '538.46', 'Version/8.0 Safari/538.46'),
  chrome('Macintosh; Intel Mac OS X 10_6_8', '534.59.10', 'Version/5.1.9 Safari/534.59.10'),
  'Mozilla/5.0 (X11; Linux x86_64; rv:31.0) Gecko/20100101 Firefox/31.0',
  'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; WOW64; Trident/6.0)',
  'Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)',
];

export interface Place {
  readonly name: string;
  /** Null where the real data knows the place only by name. */
  readonly latitude: number | null;
  readonly longitude: number | null;
}

const place = (name: string, latitude: number | null = null, longitude: number | null = null): Place => ({
  name,
  latitude,
  longitude,
});

/** Artist home towns; about a third have no coordinates, as in the sample. */
export const ARTIST_PLACES: readonly Place[] = [
  place('Nashville, TN.', 36.16778, -86.77836),
  place('California - SF', 37.77916, -122.42005),
  place('Denmark', 56.27609, 9.51695),
  place('Zagreb Croatia', 45.80726, 15.9676),
  place('New York, NY', 40.71455, -74.00712),
  place('Orlando, FL', 28.53823, -81.37739),
  place('Utah', 39.49974, -111.54732),
  place('Pennsylvania', 40.99471, -77.60454),
  place('London, England', 51.50632, -0.12714),
  place('Fort Worth, TX', 32.74863, -97.32925),
  place('Panama', 8.4177, -80.11278),
  place('Chicago, IL', 41.88415, -87.63241),
  place('Memphis, TN', 35.14968, -90.04892),
  place('Toronto, Ontario, Canada', 43.64856, -79.38533),
  place('Washington', 38.8991, -77.029),
  place('Newark, NJ', 40.73197, -74.17418),
  place('Queens, NY', 40.7038, -73.83168),
  place('Georgia', 32.67828, -83.22295),
  place('Nevada, MO', 37.83721, -94.35868),
  place('Beaumont, TX', 30.08615, -94.10158),
  place('New York, NY [Manhattan]', 40.79086, -73.96644),
  place('Morris Plains, NJ', 40.82624, -74.47995),
  place('North Carolina', 35.21962, -80.01955),
  place('United States', 37.16793, -95.84502),
  place('Mineola, AR', 34.31109, -94.02978),
  place('Noci (BA)', -13.442, -41.9952),
  place('Dubai UAE', 49.80388, 15.47491),
  place('Brandon', 27.94017, -82.32547),
  place('São Paulo, Brasil', -23.56287, -46.65468),
  place('Reykjavík, Iceland', 64.13548, -21.89541),
  place('Wisner, LA'),
  place('Gainesville, FL'),
  place('Hamtramck, MI'),
  place('Seattle, Washington USA'),
  place('California - LA'),
  place('Houston, TX'),
  place('Beverly Hills, CA'),
  place('Ohio'),
  place('Burlington, Ontario, Canada'),
  place('Hamilton, Ohio'),
  place('Montréal, Québec'),
];

export const NAME_ADJECTIVES = list(
  'Black|Silver|Electric|Velvet|Crystal|Broken|Golden|Midnight|Wild|Lonely|Neon|Hollow|Burning|Quiet|Savage|' +
    'Blue|Crimson|Frozen|Lazy|Little|Lost|Sweet|Bitter|Cosmic|Dusty|Endless|Gentle|Happy|Holy|Iron|Last|' +
    'Lucky|Mighty|Northern|Pale|Rusty|Secret|Shiny|Sonic|Static|Strange|Sunny|Twisted|Young|Eternal|Stereo',
);

export const NAME_NOUNS = list(
  'Rain|Horses|Lights|Riders|Kings|Ghosts|Wolves|Roses|Machines|Hearts|Rockers|Saints|Tigers|Shadows|Echoes|' +
    'Rivers|Mountains|Pilots|Strangers|Dreamers|Angels|Bandits|Brothers|Sisters|Cowboys|Diamonds|Engines|' +
    'Flowers|Giants|Heroes|Islands|Monkeys|Owls|Pirates|Ravens|Robots|Sailors|Stars|Thieves|Vandals|Waves',
);

/** Single words that make an artist name on their own. */
export const NAME_WORDS = list(
  'Trafik|Jinx|Glad|Casual|Gob|Tesla|Wilks|Clp|Elena|Blingtones|lextrical|Harmonia|Sonora|Soul|Mekanik|' +
    'Sigur|Motorhead|Kraftwerk|Faust|Can|Neu|Tinariwen|Amadou|Bassekou|Khaled',
);

/** Rarer words with accents, for \uXXXX escapes in a few percent of names and titles. */
export const ACCENTED_WORDS = list('Corazón|Mañana|Café|Noël|Über|Déjà Vu|Señorita|Straße|Fjörd|Niño|Año|Ça|Kölsch|Smörgås|Ñandú|Adiós');

export const TITLE_WORDS = list(
  'Love|Night|Heart|Time|Dream|Fire|Rain|Home|Road|Light|Baby|World|Dance|Rock|Blues|Girl|Boy|Moon|Sun|Star|' +
    'Summer|Winter|River|City|Train|Money|Angel|Devil|Soul|Mind|Song|Sky|Ocean|Shadow|Ghost|Memory|Promise|' +
    'Kiss|Tears|Smile|Street|Highway|Paradise|Heaven|Thunder|Lightning|Freedom|Morning|Midnight|Jenny|Mojo|' +
    'Amor|Cabaret|Rumba|Tango|Bossa',
);

export const TITLE_VERBS = list(
  'Take|Hold|Give|Leave|Make|Break|Find|Feel|Touch|Save|Call|Stop|Keep|Let|Bring|Follow|Drive|Kiss|Wake|Burn',
);

/** Version tags the Million Song titles are full of. */
export const TITLE_TAGS = list(
  ' (Album Version)| (LP Version)| (Live)| (Remix)| (Radio Edit)| (Instrumental Version)| (Explicit Album Version)|' +
    ' [Live At Royal Albert Hall]| (2005 Digital Remaster)| (Original Mix)| (Skit)| (Acoustic)| (Demo)',
);
