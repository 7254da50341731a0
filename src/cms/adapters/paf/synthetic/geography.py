"""Where the synthetic PAF's addresses are: LDZ regions, postcode areas, districts, post towns.

This is data: :data:`REGION_AREAS` lists each LDZ region's postcode areas with their districts
and post towns, and :data:`DISTRICTS` is the same, one :class:`District` each, checked on import.
"""

from __future__ import annotations

from dataclasses import dataclass

from cms.core.addresses.postcode import Postcode

# --- Geography: LDZ region -> postcode area -> "districts TOWN; districts TOWN" -----------------
# Districts are numbers, ranges ("1-5") or sub-districts ("1A"). Post towns are real ones for
# those districts (simplified where a district serves several towns).
REGION_AREAS: dict[str, tuple[tuple[str, str], ...]] = {
    "EA": (
        (
            "CB",
            "1-5 CAMBRIDGE; 6-7 ELY; 8 NEWMARKET; 9 HAVERHILL; 10-11 SAFFRON WALDEN; "
            "21-25 CAMBRIDGE",
        ),
        (
            "IP",
            "1-10 IPSWICH; 11 FELIXSTOWE; 12-13 WOODBRIDGE; 14 STOWMARKET; 15 ALDEBURGH; "
            "16 LEISTON; 17 SAXMUNDHAM; 18 SOUTHWOLD; 19 HALESWORTH; 20 HARLESTON; "
            "21-22 DISS; 23 EYE; 24-26 THETFORD; 27 BRANDON; 28-33 BURY ST. EDMUNDS",
        ),
        (
            "NR",
            "1-18 NORWICH; 19-20 DEREHAM; 21 FAKENHAM; 22 WALSINGHAM; "
            "23 WELLS-NEXT-THE-SEA; 24 MELTON CONSTABLE; 25 HOLT; 26 SHERINGHAM; "
            "27 CROMER; 28 NORTH WALSHAM; 29-31 GREAT YARMOUTH; 32-33 LOWESTOFT; "
            "34 BECCLES; 35 BUNGAY",
        ),
        (
            "PE",
            "1-8 PETERBOROUGH; 13-14 WISBECH; 15 MARCH; 16 CHATTERIS; 19 ST. NEOTS; "
            "26-29 HUNTINGDON; 30-34 KING'S LYNN; 36 HUNSTANTON; 37 SWAFFHAM; "
            "38 DOWNHAM MARKET",
        ),
        (
            "CO",
            "1-4 COLCHESTER; 5-6 COLCHESTER; 7 COLCHESTER; 9 HALSTEAD; 10 SUDBURY; "
            "11 MANNINGTREE; 12 HARWICH; 13 FRINTON-ON-SEA; 14 WALTON ON THE NAZE; "
            "15-16 CLACTON-ON-SEA",
        ),
        (
            "CM",
            "1-3 CHELMSFORD; 4 INGATESTONE; 5 ONGAR; 6 DUNMOW; 7 BRAINTREE; 8 WITHAM; "
            "9 MALDON; 11-12 BILLERICAY; 13-15 BRENTWOOD; 16 EPPING; 17-20 HARLOW; "
            "21 SAWBRIDGEWORTH; 22-23 BISHOP'S STORTFORD",
        ),
        (
            "SG",
            "1-2 STEVENAGE; 4-5 HITCHIN; 6 LETCHWORTH GARDEN CITY; 7 BALDOCK; 8 ROYSTON; "
            "9 BUNTINGFORD; 12 WARE; 13-14 HERTFORD; 17 SHEFFORD; 18 BIGGLESWADE; "
            "19 SANDY",
        ),
        ("LU", "1-4 LUTON; 5-6 DUNSTABLE; 7 LEIGHTON BUZZARD"),
        (
            "MK",
            "1-15 MILTON KEYNES; 16 NEWPORT PAGNELL; 17 MILTON KEYNES; 18 BUCKINGHAM; "
            "40-45 BEDFORD; 46 OLNEY",
        ),
        ("AL", "1-4 ST. ALBANS; 5 HARPENDEN; 6 WELWYN; 7-8 WELWYN GARDEN CITY; 9-10 HATFIELD"),
    ),
    "EM": (
        (
            "NG",
            "1-16 NOTTINGHAM; 17 SUTTON-IN-ASHFIELD; 18-21 MANSFIELD; 22-24 NEWARK; "
            "25 SOUTHWELL; 31-34 GRANTHAM",
        ),
        (
            "LE",
            "1-5 LEICESTER; 7-9 LEICESTER; 10 HINCKLEY; 11-12 LOUGHBOROUGH; "
            "13-14 MELTON MOWBRAY; 15 OAKHAM; 16 MARKET HARBOROUGH; 17 LUTTERWORTH; "
            "18-19 LEICESTER; 65 ASHBY-DE-LA-ZOUCH; 67 COALVILLE",
        ),
        (
            "DE",
            "1-3 DERBY; 4 MATLOCK; 5 RIPLEY; 6 ASHBOURNE; 7 ILKESTON; 11-12 SWADLINCOTE; "
            "13-15 BURTON-ON-TRENT; 21-24 DERBY; 45 BAKEWELL; 55 ALFRETON; 56 BELPER; "
            "65 DERBY; 72-75 DERBY",
        ),
        (
            "LN",
            "1-6 LINCOLN; 7-8 MARKET RASEN; 9 HORNCASTLE; 10 WOODHALL SPA; 11 LOUTH; "
            "12 MABLETHORPE; 13 ALFORD",
        ),
        (
            "S",
            "1-14 SHEFFIELD; 17 SHEFFIELD; 18 DRONFIELD; 20-21 SHEFFIELD; 25-26 SHEFFIELD; "
            "35-36 SHEFFIELD; 40-45 CHESTERFIELD; 60-66 ROTHERHAM; 70-75 BARNSLEY; "
            "80-81 WORKSOP",
        ),
        (
            "NN",
            "1-7 NORTHAMPTON; 8 WELLINGBOROUGH; 9 WELLINGBOROUGH; 10 RUSHDEN; "
            "11 DAVENTRY; 12 TOWCESTER; 13 BRACKLEY; 14-16 KETTERING; 17-18 CORBY; "
            "29 WELLINGBOROUGH",
        ),
        (
            "DN",
            "1-12 DONCASTER; 14 GOOLE; 15-17 SCUNTHORPE; 18-20 BARTON-UPON-HUMBER; "
            "21 GAINSBOROUGH; 22 RETFORD; 31-34 GRIMSBY; 35 CLEETHORPES; 36-37 GRIMSBY",
        ),
    ),
    "NE": (
        (
            "LS",
            "1-20 LEEDS; 21 OTLEY; 22-23 WETHERBY; 24 TADCASTER; 25-27 LEEDS; 28 PUDSEY; 29 ILKLEY",
        ),
        (
            "HU",
            "1-12 HULL; 13 HESSLE; 14 NORTH FERRIBY; 15 BROUGH; 16 COTTINGHAM; "
            "17 BEVERLEY; 18 HORNSEA; 19 WITHERNSEA; 20 COTTINGHAM",
        ),
        (
            "YO",
            "1 YORK; 7 THIRSK; 8 SELBY; 10 YORK; 11-13 SCARBOROUGH; 14 FILEY; "
            "15-16 BRIDLINGTON; 17 MALTON; 18 PICKERING; 19 YORK; 21-22 WHITBY; "
            "23-24 YORK; 25 DRIFFIELD; 26 YORK; 30-32 YORK; 41-43 YORK; 51 YORK; "
            "60-62 YORK",
        ),
        (
            "BD",
            "1-15 BRADFORD; 16 BINGLEY; 17-18 SHIPLEY; 19 CLECKHEATON; 20-22 KEIGHLEY; "
            "23-24 SKIPTON",
        ),
        ("HG", "1-3 HARROGATE; 4 RIPON; 5 KNARESBOROUGH"),
        ("HX", "1-7 HALIFAX"),
        ("HD", "1-5 HUDDERSFIELD; 6 BRIGHOUSE; 7-9 HUDDERSFIELD"),
        (
            "WF",
            "1-4 WAKEFIELD; 5 OSSETT; 6 NORMANTON; 7-9 PONTEFRACT; 10 CASTLEFORD; "
            "11 KNOTTINGLEY; 12-13 DEWSBURY; 14 MIRFIELD; 15 LIVERSEDGE; "
            "16 HECKMONDWIKE; 17 BATLEY",
        ),
    ),
    "NO": (
        (
            "NE",
            "1-7 NEWCASTLE UPON TYNE; 8-11 GATESHEAD; 12-13 NEWCASTLE UPON TYNE; "
            "15-16 NEWCASTLE UPON TYNE; 20 NEWCASTLE UPON TYNE; 21 BLAYDON-ON-TYNE; "
            "22 BEDLINGTON; 23 CRAMLINGTON; 24 BLYTH; 25-26 WHITLEY BAY; "
            "27 NEWCASTLE UPON TYNE; 28 WALLSEND; 29-30 NORTH SHIELDS; 31 HEBBURN; "
            "32 JARROW; 33-34 SOUTH SHIELDS; 35 BOLDON COLLIERY; 36 EAST BOLDON; "
            "37-38 WASHINGTON; 39 ROWLANDS GILL; 40 RYTON; 41 WYLAM; 42 PRUDHOE; "
            "43 STOCKSFIELD; 46-47 HEXHAM; 61 MORPETH; 62 CHOPPINGTON; 63 ASHINGTON; "
            "64 NEWBIGGIN-BY-THE-SEA; 65 MORPETH; 66 ALNWICK",
        ),
        (
            "DH",
            "1 DURHAM; 2-3 CHESTER LE STREET; 4-5 HOUGHTON LE SPRING; 6-7 DURHAM; "
            "8 CONSETT; 9 STANLEY",
        ),
        ("SR", "1-6 SUNDERLAND; 7 SEAHAM; 8 PETERLEE"),
        (
            "TS",
            "1-9 MIDDLESBROUGH; 10-11 REDCAR; 12-13 SALTBURN-BY-THE-SEA; 14 GUISBOROUGH; "
            "15 YARM; 16-21 STOCKTON-ON-TEES; 22-23 BILLINGHAM; 24-27 HARTLEPOOL",
        ),
        (
            "DL",
            "1-3 DARLINGTON; 4 SHILDON; 5 NEWTON AYCLIFFE; 6-7 NORTHALLERTON; 8 BEDALE; "
            "9 CATTERICK GARRISON; 10-11 RICHMOND; 12 BARNARD CASTLE; "
            "13-14 BISHOP AUCKLAND; 15 CROOK; 16 SPENNYMOOR; 17 FERRYHILL",
        ),
        (
            "CA",
            "1-6 CARLISLE; 7 WIGTON; 8 BRAMPTON; 10-11 PENRITH; 13 COCKERMOUTH; "
            "14 WORKINGTON; 15 MARYPORT; 28 WHITEHAVEN",
        ),
    ),
    "NT": (
        ("N", "1-22 LONDON"),
        ("NW", "1-11 LONDON"),
        ("E", "1-18 LONDON; 20 LONDON"),
        ("EC", "1A,1M,1N,1R,1V,1Y,2A,2M,2N,2R,2V,2Y,3A,3M,3N,3R,3V,4A,4M,4N,4R,4V,4Y LONDON"),
        ("WC", "1A,1B,1E,1H,1N,1R,1V,1X,2A,2B,2E,2H,2N,2R LONDON"),
        ("W", "1B,1C,1D,1F,1G,1H,1J,1K,1S,1T,1U,1W LONDON; 2-14 LONDON"),
        (
            "EN",
            "1-3 ENFIELD; 4-5 BARNET; 6 POTTERS BAR; 7-8 WALTHAM CROSS; 9 WALTHAM ABBEY; "
            "10 BROXBOURNE; 11 HODDESDON",
        ),
        (
            "WD",
            "3 RICKMANSWORTH; 4 KINGS LANGLEY; 5 ABBOTS LANGLEY; 6 BOREHAMWOOD; 7 RADLETT; "
            "17-19 WATFORD; 23 BUSHEY; 24-25 WATFORD",
        ),
        (
            "HA",
            "0 WEMBLEY; 1-3 HARROW; 4 RUISLIP; 5 PINNER; 6 NORTHWOOD; 7 STANMORE; "
            "8 EDGWARE; 9 WEMBLEY",
        ),
        ("UB", "1-2 SOUTHALL; 3-4 HAYES; 5 NORTHOLT; 6 GREENFORD; 7 WEST DRAYTON; 8-10 UXBRIDGE"),
        (
            "IG",
            "1-6 ILFORD; 7 CHIGWELL; 8 WOODFORD GREEN; 9 BUCKHURST HILL; 10 LOUGHTON; 11 BARKING",
        ),
        (
            "RM",
            "1-7 ROMFORD; 8-10 DAGENHAM; 11-12 HORNCHURCH; 13 RAINHAM; 14 UPMINSTER; "
            "15 SOUTH OCKENDON; 16-17 GRAYS; 18 TILBURY; 19 PURFLEET; 20 GRAYS",
        ),
        (
            "TW",
            "1-2 TWICKENHAM; 3-6 HOUNSLOW; 7 ISLEWORTH; 8 BRENTFORD; 9-10 RICHMOND; "
            "11 TEDDINGTON; 12 HAMPTON; 13-14 FELTHAM; 15-19 ASHFORD; 20 EGHAM",
        ),
        (
            "SS",
            "0-3 SOUTHEND-ON-SEA; 4 ROCHFORD; 5 HOCKLEY; 6 RAYLEIGH; 7 BENFLEET; "
            "8 CANVEY ISLAND; 9 LEIGH-ON-SEA; 11-12 WICKFORD; 13-16 BASILDON; "
            "17 STANFORD-LE-HOPE",
        ),
    ),
    "NW": (
        (
            "M",
            "1-4 MANCHESTER; 5-7 SALFORD; 8-9 MANCHESTER; 11-35 MANCHESTER; "
            "38 MANCHESTER; 40-41 MANCHESTER; 43-46 MANCHESTER; 50 SALFORD",
        ),
        (
            "L",
            "1-19 LIVERPOOL; 20 BOOTLE; 21-33 LIVERPOOL; 34-35 PRESCOT; 36-38 LIVERPOOL; "
            "39-40 ORMSKIRK",
        ),
        ("PR", "1-5 PRESTON; 6-7 CHORLEY; 8-9 SOUTHPORT; 25-26 LEYLAND"),
        (
            "WA",
            "1-5 WARRINGTON; 6 FRODSHAM; 7 RUNCORN; 8 WIDNES; 9-11 ST. HELENS; "
            "12 NEWTON-LE-WILLOWS; 13 LYMM; 14-15 ALTRINCHAM; 16 KNUTSFORD",
        ),
        (
            "CH",
            "1-4 CHESTER; 41-43 BIRKENHEAD; 44-45 WALLASEY; 46-49 WIRRAL; 60-63 WIRRAL; "
            "64 NESTON; 65-66 ELLESMERE PORT",
        ),
        ("BL", "0 BURY; 1-7 BOLTON; 8-9 BURY"),
        (
            "OL",
            "1-4 OLDHAM; 5-7 ASHTON-UNDER-LYNE; 8-9 OLDHAM; 10 HEYWOOD; 11-12 ROCHDALE; "
            "15 LITTLEBOROUGH; 16 ROCHDALE",
        ),
        ("WN", "1-6 WIGAN; 7 LEIGH; 8 SKELMERSDALE"),
        (
            "FY",
            "1-4 BLACKPOOL; 5 THORNTON-CLEVELEYS; 6 POULTON-LE-FYLDE; 7 FLEETWOOD; "
            "8 LYTHAM ST. ANNES",
        ),
        (
            "SK",
            "1-7 STOCKPORT; 8 CHEADLE; 9 WILMSLOW; 10-11 MACCLESFIELD; 12 STOCKPORT; "
            "13 GLOSSOP; 14 HYDE; 15 STALYBRIDGE; 16 DUKINFIELD; 17 BUXTON",
        ),
        (
            "CW",
            "1-2 CREWE; 4 HOLMES CHAPEL; 5 NANTWICH; 6 TARPORLEY; 7 WINSFORD; "
            "8-9 NORTHWICH; 10 MIDDLEWICH; 11 SANDBACH; 12 CONGLETON",
        ),
        (
            "BB",
            "1-2 BLACKBURN; 3 DARWEN; 4 ROSSENDALE; 5 ACCRINGTON; 6 BLACKBURN; "
            "7 CLITHEROE; 8 COLNE; 9 NELSON; 10-12 BURNLEY",
        ),
    ),
    "SC": (
        (
            "EH",
            "1-17 EDINBURGH; 18 LASSWADE; 19 BONNYRIGG; 20 LOANHEAD; 21 MUSSELBURGH; "
            "22 DALKEITH; 26 PENICUIK; 28 NEWBRIDGE; 29 KIRKLISTON; 30 SOUTH QUEENSFERRY; "
            "31 GULLANE; 32 LONGNIDDRY; 33 TRANENT; 39 NORTH BERWICK; 41 HADDINGTON; "
            "42 DUNBAR; 47-48 BATHGATE; 49 LINLITHGOW; 51 BO'NESS; 52 BROXBURN; "
            "53-54 LIVINGSTON; 55 WEST CALDER",
        ),
        (
            "G",
            "1-5 GLASGOW; 11-15 GLASGOW; 20-23 GLASGOW; 31-34 GLASGOW; 40-46 GLASGOW; "
            "51-53 GLASGOW; 60 CLYDEBANK; 61-62 GLASGOW; 64-69 GLASGOW; 71-78 GLASGOW; "
            "81 CLYDEBANK; 82 DUMBARTON; 83 ALEXANDRIA; 84 HELENSBURGH",
        ),
        (
            "AB",
            "10-16 ABERDEEN; 21-25 ABERDEEN; 30 LAURENCEKIRK; 31 BANCHORY; 32 WESTHILL; "
            "33 ALFORD; 34 ABOYNE; 35 BALLATER; 36 STRATHDON; 37 BALLINDALLOCH; "
            "38 ABERLOUR; 39 STONEHAVEN; 41 ELLON; 42 PETERHEAD; 43 FRASERBURGH; "
            "44 MACDUFF; 45 BANFF; 51 INVERURIE; 52 INSCH; 53 TURRIFF; 54 HUNTLY; "
            "55 KEITH; 56 BUCKIE",
        ),
        (
            "DD",
            "1-5 DUNDEE; 6 NEWPORT-ON-TAY; 7 CARNOUSTIE; 8 FORFAR; 9 BRECHIN; "
            "10 MONTROSE; 11 ARBROATH",
        ),
        (
            "KY",
            "1-2 KIRKCALDY; 3 BURNTISLAND; 4 COWDENBEATH; 5 LOCHGELLY; 6-7 GLENROTHES; "
            "8 LEVEN; 11-12 DUNFERMLINE; 15 CUPAR; 16 ST. ANDREWS",
        ),
        ("FK", "1-2 FALKIRK; 3 GRANGEMOUTH; 5 LARBERT; 7-9 STIRLING; 10 ALLOA; 15 DUNBLANE"),
        (
            "ML",
            "1 MOTHERWELL; 2 WISHAW; 3 HAMILTON; 4 BELLSHILL; 5 COATBRIDGE; 6 AIRDRIE; "
            "8 CARLUKE; 11 LANARK",
        ),
        ("PA", "1-3 PAISLEY; 4 RENFREW; 5 JOHNSTONE; 15-16 GREENOCK; 19 GOUROCK; 34 OBAN"),
        ("IV", "1-3 INVERNESS; 12 NAIRN; 30-31 ELGIN; 36 FORRES"),
        ("KA", "1-3 KILMARNOCK; 7-8 AYR; 9 PRESTWICK; 10 TROON; 11-12 IRVINE; 13 KILWINNING"),
    ),
    "SE": (
        ("BR", "1-2 BROMLEY; 3 BECKENHAM; 4 WEST WICKHAM; 5-6 ORPINGTON; 7 CHISLEHURST; 8 SWANLEY"),
        (
            "CR",
            "0 CROYDON; 2 SOUTH CROYDON; 3 CATERHAM; 4 MITCHAM; 5 COULSDON; "
            "6 WARLINGHAM; 7 THORNTON HEATH; 8 PURLEY",
        ),
        (
            "TN",
            "1-4 TUNBRIDGE WELLS; 5 WADHURST; 6 CROWBOROUGH; 8 EDENBRIDGE; "
            "9-12 TONBRIDGE; 13-15 SEVENOAKS; 16 WESTERHAM; 17-18 CRANBROOK; "
            "23-27 ASHFORD; 28-29 ROMNEY MARSH; 30 TENTERDEN; 31 RYE; 32 ROBERTSBRIDGE; "
            "33 BATTLE; 34-35 HASTINGS; 37-38 ST. LEONARDS-ON-SEA; 39-40 BEXHILL-ON-SEA",
        ),
        (
            "ME",
            "1-3 ROCHESTER; 4-5 CHATHAM; 7-8 GILLINGHAM; 9-10 SITTINGBOURNE; "
            "11 QUEENBOROUGH; 12 SHEERNESS; 13 FAVERSHAM; 14-18 MAIDSTONE; "
            "19 WEST MALLING; 20 AYLESFORD",
        ),
        (
            "BN",
            "1-2 BRIGHTON; 3 HOVE; 5 HENFIELD; 6 HASSOCKS; 7-8 LEWES; 9 NEWHAVEN; "
            "10 PEACEHAVEN; 11-15 WORTHING; 16-17 LITTLEHAMPTON; 18 ARUNDEL; "
            "20-23 EASTBOURNE; 24 PEVENSEY; 25 SEAFORD; 26 POLEGATE; 27 HAILSHAM; "
            "41-42 BRIGHTON; 43 SHOREHAM-BY-SEA; 44 STEYNING; 45 BRIGHTON",
        ),
        ("SE", "1-28 LONDON"),
        ("SW", "1-20 LONDON"),
        (
            "CT",
            "1-4 CANTERBURY; 5 WHITSTABLE; 6 HERNE BAY; 7 BIRCHINGTON; "
            "8 WESTGATE-ON-SEA; 9 MARGATE; 10 BROADSTAIRS; 11-12 RAMSGATE; 13 SANDWICH; "
            "14 DEAL; 15-17 DOVER; 18-20 FOLKESTONE; 21 HYTHE",
        ),
        (
            "DA",
            "1-2 DARTFORD; 5 BEXLEY; 6-7 BEXLEYHEATH; 8 ERITH; 11-13 GRAVESEND; "
            "14-15 SIDCUP; 16 WELLING",
        ),
        (
            "RH",
            "1 REDHILL; 2 REIGATE; 4-5 DORKING; 6 HORLEY; 10-11 CRAWLEY; 12-13 HORSHAM; "
            "15 BURGESS HILL; 16-17 HAYWARDS HEATH; 19 EAST GRINSTEAD",
        ),
        (
            "KT",
            "1-2 KINGSTON UPON THAMES; 3 NEW MALDEN; 4 WORCESTER PARK; 5-6 SURBITON; "
            "7 THAMES DITTON; 8 EAST MOLESEY; 9 CHESSINGTON; 10 ESHER; 11 COBHAM; "
            "12 WALTON-ON-THAMES; 13 WEYBRIDGE; 15-16 ADDLESTONE; 17-19 EPSOM; "
            "20 TADWORTH; 21-22 LEATHERHEAD",
        ),
        ("SM", "1-3 SUTTON; 4 MORDEN; 5-6 CARSHALTON; 7 BANSTEAD"),
        (
            "GU",
            "1-5 GUILDFORD; 7-8 GODALMING; 9-10 FARNHAM; 11-12 ALDERSHOT; 14 FARNBOROUGH; "
            "15-17 CAMBERLEY; 21-22 WOKING; 27 HASLEMERE; 31-32 PETERSFIELD; 34 ALTON; "
            "51-52 FLEET",
        ),
    ),
    "SO": (
        (
            "SO",
            "14-19 SOUTHAMPTON; 20 STOCKBRIDGE; 21-23 WINCHESTER; 24 ALRESFORD; "
            "30-32 SOUTHAMPTON; 40 SOUTHAMPTON; 41 LYMINGTON; 42 BROCKENHURST; "
            "43 LYNDHURST; 45 SOUTHAMPTON; 50 EASTLEIGH; 51 ROMSEY; 52 SOUTHAMPTON; "
            "53 EASTLEIGH",
        ),
        (
            "PO",
            "1-6 PORTSMOUTH; 7-8 WATERLOOVILLE; 9 HAVANT; 10 EMSWORTH; 11 HAYLING ISLAND; "
            "12-13 GOSPORT; 14-17 FAREHAM; 18-20 CHICHESTER; 21-22 BOGNOR REGIS; "
            "30 NEWPORT; 31 COWES; 32 EAST COWES; 33 RYDE; 36 SANDOWN; 37 SHANKLIN",
        ),
        (
            "RG",
            "1-2 READING; 4-8 READING; 9 HENLEY-ON-THAMES; 10 READING; 12 BRACKNELL; "
            "14 NEWBURY; 17 HUNGERFORD; 18-19 THATCHAM; 20 NEWBURY; 21-24 BASINGSTOKE; "
            "26 TADLEY; 27 HOOK; 28 WHITCHURCH; 29 HOOK; 30-31 READING; "
            "40-41 WOKINGHAM; 42 BRACKNELL; 45 CROWTHORNE",
        ),
        (
            "OX",
            "1-4 OXFORD; 5 KIDLINGTON; 7 CHIPPING NORTON; 9 THAME; 10 WALLINGFORD; "
            "11 DIDCOT; 12 WANTAGE; 13-14 ABINGDON; 15-17 BANBURY; 18 BURFORD; "
            "20 WOODSTOCK; 25-27 BICESTER; 28-29 WITNEY; 33 OXFORD; 39 CHINNOR; "
            "44 OXFORD; 49 WATLINGTON",
        ),
        (
            "BH",
            "1-11 BOURNEMOUTH; 12-17 POOLE; 18 BROADSTONE; 19 SWANAGE; 20 WAREHAM; "
            "21 WIMBORNE; 23 CHRISTCHURCH; 24 RINGWOOD; 25 NEW MILTON",
        ),
        (
            "SL",
            "1-3 SLOUGH; 4 WINDSOR; 5 ASCOT; 6 MAIDENHEAD; 7 MARLOW; 8 BOURNE END; "
            "9 GERRARDS CROSS",
        ),
        (
            "SP",
            "1-2 SALISBURY; 4 SALISBURY; 5 SALISBURY; 6 FORDINGBRIDGE; 7 SHAFTESBURY; "
            "8 GILLINGHAM; 9 TIDWORTH; 10-11 ANDOVER",
        ),
        (
            "DT",
            "1-2 DORCHESTER; 3-4 WEYMOUTH; 5 PORTLAND; 6 BRIDPORT; 7 LYME REGIS; "
            "8 BEAMINSTER; 9 SHERBORNE; 10 STURMINSTER NEWTON; 11 BLANDFORD FORUM",
        ),
        (
            "HP",
            "1-3 HEMEL HEMPSTEAD; 4 BERKHAMSTED; 5 CHESHAM; 6-7 AMERSHAM; "
            "8 CHALFONT ST. GILES; 9 BEACONSFIELD; 10-15 HIGH WYCOMBE; 16 GREAT MISSENDEN; "
            "17-22 AYLESBURY; 23 TRING; 27 PRINCES RISBOROUGH",
        ),
    ),
    "SW": (
        (
            "EX",
            "1-6 EXETER; 7 DAWLISH; 8 EXMOUTH; 9 BUDLEIGH SALTERTON; 10 SIDMOUTH; "
            "11 OTTERY ST. MARY; 12 SEATON; 13 AXMINSTER; 14 HONITON; 15 CULLOMPTON; "
            "16 TIVERTON; 17 CREDITON; 20 OKEHAMPTON; 31-32 BARNSTAPLE; 33 BRAUNTON; "
            "34 ILFRACOMBE; 39 BIDEFORD",
        ),
        (
            "PL",
            "1-9 PLYMOUTH; 10-11 TORPOINT; 12 SALTASH; 13 LOOE; 14 LISKEARD; "
            "15 LAUNCESTON; 19 TAVISTOCK; 20 YELVERTON; 21 IVYBRIDGE; 22 LOSTWITHIEL; "
            "23 FOWEY; 24 PAR; 25-26 ST. AUSTELL; 27 WADEBRIDGE; 28 PADSTOW; 31 BODMIN",
        ),
        (
            "BS",
            "1-16 BRISTOL; 20 BRISTOL; 21 CLEVEDON; 22-24 WESTON-SUPER-MARE; "
            "25 WINSCOMBE; 26 AXBRIDGE; 27 CHEDDAR; 30-32 BRISTOL; 34-37 BRISTOL; "
            "39-41 BRISTOL; 48-49 BRISTOL",
        ),
        (
            "TA",
            "1-4 TAUNTON; 5-7 BRIDGWATER; 8 BURNHAM-ON-SEA; 9 HIGHBRIDGE; 10 LANGPORT; "
            "11 SOMERTON; 12 MARTOCK; 18 CREWKERNE; 19 ILMINSTER; 20 CHARD; "
            "21 WELLINGTON; 24 MINEHEAD",
        ),
        (
            "TR",
            "1-4 TRURO; 7-8 NEWQUAY; 10 PENRYN; 11 FALMOUTH; 13 HELSTON; 14 CAMBORNE; "
            "15-16 REDRUTH; 17 MARAZION; 18-20 PENZANCE; 26 ST. IVES",
        ),
        (
            "BA",
            "1-2 BATH; 3 RADSTOCK; 4 SHEPTON MALLET; 5 WELLS; 6 GLASTONBURY; 11 FROME; "
            "12 WARMINSTER; 13 WESTBURY; 14 TROWBRIDGE; 15 BRADFORD-ON-AVON; "
            "20-22 YEOVIL",
        ),
        (
            "GL",
            "1-4 GLOUCESTER; 5-6 STROUD; 7 CIRENCESTER; 8 TETBURY; 10 STONEHOUSE; "
            "11 DURSLEY; 12 WOTTON-UNDER-EDGE; 20 TEWKESBURY; 50-53 CHELTENHAM; "
            "54 CHELTENHAM; 56 MORETON-IN-MARSH",
        ),
        (
            "TQ",
            "1-2 TORQUAY; 3-4 PAIGNTON; 5 BRIXHAM; 6 DARTMOUTH; 7 KINGSBRIDGE; 9 TOTNES; "
            "12 NEWTON ABBOT; 13 BOVEY TRACEY; 14 TEIGNMOUTH",
        ),
        (
            "SN",
            "1-6 SWINDON; 8 MARLBOROUGH; 10 DEVIZES; 11 CALNE; 12 MELKSHAM; "
            "13 CORSHAM; 14-15 CHIPPENHAM; 16 MALMESBURY",
        ),
    ),
    "WM": (
        (
            "B",
            "1-38 BIRMINGHAM; 40 BIRMINGHAM; 42-48 BIRMINGHAM; 49-50 ALCESTER; "
            "60-61 BROMSGROVE; 62-63 HALESOWEN; 64 CRADLEY HEATH; 65 ROWLEY REGIS; "
            "66-67 SMETHWICK; 68-69 OLDBURY; 70-71 WEST BROMWICH; "
            "72-76 SUTTON COLDFIELD; 77-79 TAMWORTH; 80 STUDLEY; 90-94 SOLIHULL; "
            "95 HENLEY-IN-ARDEN; 96-98 REDDITCH",
        ),
        (
            "CV",
            "1-7 COVENTRY; 8 KENILWORTH; 9 ATHERSTONE; 10-11 NUNEATON; 12 BEDWORTH; "
            "13 NUNEATON; 21-23 RUGBY; 31-33 LEAMINGTON SPA; 34-35 WARWICK; "
            "36 SHIPSTON-ON-STOUR; 37 STRATFORD-UPON-AVON; 47 SOUTHAM",
        ),
        ("WV", "1-11 WOLVERHAMPTON; 12-13 WILLENHALL; 14 WOLVERHAMPTON; 15-16 BRIDGNORTH"),
        (
            "ST",
            "1-4 STOKE-ON-TRENT; 5 NEWCASTLE; 6-12 STOKE-ON-TRENT; 13 LEEK; "
            "14 UTTOXETER; 15 STONE; 16-21 STAFFORD",
        ),
        (
            "WS",
            "1-6 WALSALL; 7 BURNTWOOD; 8-9 WALSALL; 10 WEDNESBURY; 11-12 CANNOCK; "
            "13-14 LICHFIELD; 15 RUGELEY",
        ),
        (
            "DY",
            "1-3 DUDLEY; 4 TIPTON; 5 BRIERLEY HILL; 6 KINGSWINFORD; 7-9 STOURBRIDGE; "
            "10-11 KIDDERMINSTER; 12 BEWDLEY; 13 STOURPORT-ON-SEVERN",
        ),
        ("WR", "1-5 WORCESTER; 9 DROITWICH; 10 PERSHORE; 11 EVESHAM; 13-14 MALVERN"),
        ("TF", "1-7 TELFORD; 8 TELFORD; 9 MARKET DRAYTON; 10 NEWPORT; 11 SHIFNAL"),
        ("HR", "1-4 HEREFORD; 5 KINGTON; 6 LEOMINSTER; 7 BROMYARD; 8 LEDBURY; 9 ROSS-ON-WYE"),
    ),
    "WN": (
        (
            "LL",
            "11-14 WREXHAM; 15 RUTHIN; 16 DENBIGH; 17 ST. ASAPH; 18 RHYL; 19 PRESTATYN; "
            "20 LLANGOLLEN; 21 CORWEN; 22 ABERGELE; 23 BALA; 24 BETWS-Y-COED; "
            "26 LLANRWST; 28-29 COLWYN BAY; 30 LLANDUDNO; 31-32 CONWY; "
            "33 LLANFAIRFECHAN; 34 PENMAENMAWR; 35 ABERDYFI; 36 TYWYN; 40 DOLGELLAU; "
            "41 BLAENAU FFESTINIOG; 42 BARMOUTH; 49 PORTHMADOG; 53 PWLLHELI; "
            "55 CAERNARFON; 57 BANGOR; 58 BEAUMARIS; 59 MENAI BRIDGE; 65 HOLYHEAD; "
            "77 LLANGEFNI",
        ),
        (
            "SY",
            "15 MONTGOMERY; 16 NEWTOWN; 17 CAERSWS; 18 LLANIDLOES; 19 LLANBRYNMAIR; "
            "20 MACHYNLLETH; 21 WELSHPOOL; 22 LLANFYLLIN; 23 ABERYSTWYTH; 24 BOW STREET; "
            "25 TREGARON",
        ),
    ),
    "WS": (
        (
            "CF",
            "3 CARDIFF; 5 CARDIFF; 10-11 CARDIFF; 14-15 CARDIFF; 23-24 CARDIFF; "
            "31-35 BRIDGEND; 36 PORTHCAWL; 37-38 PONTYPRIDD; 39 PORTH; 40 TONYPANDY; "
            "41 PENTRE; 42 TREORCHY; 43 FERNDALE; 44 ABERDARE; 45 MOUNTAIN ASH; "
            "46 TREHARRIS; 47-48 MERTHYR TYDFIL; 61 LLANTWIT MAJOR; 62-63 BARRY; "
            "64 PENARTH; 71 COWBRIDGE; 72 PONTYCLUN; 81 BARGOED; 82 HENGOED; "
            "83 CAERPHILLY",
        ),
        (
            "SA",
            "1-9 SWANSEA; 10-11 NEATH; 12-13 PORT TALBOT; 14-16 LLANELLI; 17 KIDWELLY; "
            "18 AMMANFORD; 19 LLANDEILO; 20 LLANDOVERY; 31-33 CARMARTHEN; 34 WHITLAND; "
            "61-62 HAVERFORDWEST; 65 GOODWICK; 67 NARBERTH; 68 KILGETTY; "
            "69 SAUNDERSFOOT; 70 TENBY; 71 PEMBROKE; 72 PEMBROKE DOCK; "
            "73 MILFORD HAVEN",
        ),
        (
            "NP",
            "4 PONTYPOOL; 7 ABERGAVENNY; 10-11 NEWPORT; 12 BLACKWOOD; 13 ABERTILLERY; "
            "15 USK; 16 CHEPSTOW; 18-20 NEWPORT; 22 TREDEGAR; 23 EBBW VALE; "
            "24 NEW TREDEGAR; 25 MONMOUTH; 26 CALDICOT; 44 CWMBRAN",
        ),
        ("LD", "1 LLANDRINDOD WELLS; 2 BUILTH WELLS; 3 BRECON"),
    ),
}


@dataclass(frozen=True, slots=True)
class District:
    """A postcode district with its post town, area and LDZ region."""

    region: str
    area: str
    outward: str
    post_town: str
    key: int  # its place in DISTRICTS


def _parse_districts() -> tuple[District, ...]:
    districts: list[District] = []
    seen: set[str] = set()
    for region, areas in REGION_AREAS.items():
        for area, spec in areas:
            for part in spec.split(";"):
                codes, town = part.strip().split(" ", 1)
                for code in codes.split(","):
                    if "-" in code:
                        low, high = (int(n) for n in code.split("-"))
                        suffixes = [str(n) for n in range(low, high + 1)]
                    else:
                        suffixes = [code]
                    for suffix in suffixes:
                        outward = area + suffix
                        # Every postcode of the district is valid if this one is.
                        parsed = Postcode.parse(f"{outward} 1AA")
                        if parsed.outward != outward or parsed.area != area:
                            raise AssertionError(f"bad district {outward}")
                        if outward in seen:
                            raise AssertionError(f"district {outward} listed twice")
                        if len(town) > 30:
                            raise AssertionError(f"post town {town} is too long")
                        seen.add(outward)
                        districts.append(District(region, area, outward, town, len(districts)))
    return tuple(districts)


DISTRICTS: tuple[District, ...] = _parse_districts()
AREA_REGION: dict[str, str] = {d.area: d.region for d in DISTRICTS}
